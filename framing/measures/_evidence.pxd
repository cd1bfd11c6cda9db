# C types for _evidence.py, used when the module is compiled (see setup.py).
cimport cython

cpdef list _spans(str text, list hits, list quoted, str measure, dict sources)

@cython.locals(k=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, next_start=Py_ssize_t,
               next_end=Py_ssize_t)
cpdef bint _in_reading_order(list spans) except -1
