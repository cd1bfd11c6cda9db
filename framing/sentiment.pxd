# C types for sentiment.py, used when the module is compiled (see setup.py).
cimport cython

@cython.locals(k=Py_ssize_t)
cpdef bint negated(list norms, Py_ssize_t i) except -1

cdef Py_ssize_t _HASH_BYTES_MASK

@cython.locals(table=dict, listed=bytearray, h=Py_hash_t)
cpdef object token_valences(object doc)
