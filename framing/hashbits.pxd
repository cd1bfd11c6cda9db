# C types for hashbits.py, used when the module is compiled (see setup.py).
cdef Py_ssize_t _MASK

cpdef bytearray hash_bits(object hashes)

cpdef bint has_bit(bytearray bits, Py_ssize_t h) except -1
