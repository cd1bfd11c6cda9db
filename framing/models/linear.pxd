# C types for the TF-IDF product's loops, used when the module is compiled (see setup.py).
cimport cython

@cython.locals(n=Py_ssize_t, longest=Py_ssize_t, vocab_size=Py_ssize_t, size=Py_ssize_t,
               mask=Py_ssize_t, r=Py_ssize_t, m=Py_ssize_t, i=Py_ssize_t, c=Py_ssize_t,
               h=Py_ssize_t, q=Py_ssize_t, count=Py_ssize_t, tabled=Py_ssize_t, k=Py_ssize_t,
               classes=Py_ssize_t, tf=double, w=double, total=double, norm=double, acc=double,
               held_v=Py_ssize_t[::1], counts_v=Py_ssize_t[::1],
               order_v=Py_ssize_t[::1], scaled_v=double[::1], tf_v=double[::1],
               weights_v=double[:, ::1], out_v=double[:, ::1])
cpdef object _tfidf_logits(int[::1] flat, int[::1] bounds, object weights, object intercept,
                           bint sublinear)

@cython.locals(n=Py_ssize_t, classes=Py_ssize_t, width=Py_ssize_t, r=Py_ssize_t, j=Py_ssize_t,
               k=Py_ssize_t, top=double, acc=double, total=double, value=double, out=list,
               logits_v=double[:, ::1], mean_v=double[::1], scale_v=double[::1],
               coef_v=double[:, ::1], standard_v=double[::1])
cpdef list _softmax_margins(object logits, object dense, object mean, object scale,
                            object coef, Py_ssize_t high, Py_ssize_t low)

cdef double _E

cdef unsigned long long _FIBONACCI, _UINT64

cdef class PairIndex:
    cdef Py_ssize_t _used, _mask
    cdef int _shift
    cdef long long[::1] _slots

    @cython.locals(key=cython.longlong, h=Py_ssize_t, mask=Py_ssize_t, slots=cython.longlong[::1])
    cpdef long long get(self, long long a, long long b)

    cpdef put(self, long long a, long long b, long long value)

    cdef Py_ssize_t _home(self, long long key)

    @cython.locals(h=Py_ssize_t, mask=Py_ssize_t, slots=cython.longlong[::1])
    cdef _place(self, long long key, long long value)

    cdef _allocate(self, int bits)

    @cython.locals(h=Py_ssize_t, old=cython.longlong[::1])
    cdef _grow(self)
