# C types for sentiment.py, used when the module is compiled (see setup.py).
cimport cython

@cython.locals(k=Py_ssize_t)
cpdef bint negated(list norms, Py_ssize_t i) except -1

@cython.locals(table=dict, norms=list)
cpdef object token_valences(object doc)
