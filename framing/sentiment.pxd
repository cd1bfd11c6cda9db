# C types for sentiment.py, used when the module is compiled (see setup.py).
cimport cython
from framing.hashbits cimport has_bit

@cython.locals(k=Py_ssize_t)
cpdef bint negated(list norms, Py_ssize_t i) except -1

@cython.locals(table=dict, listed=bytearray)
cpdef object token_valences(object doc)
