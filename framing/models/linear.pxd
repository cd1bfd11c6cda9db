# C types for the TF-IDF product's loops, used when the module is compiled (see setup.py).
cimport cython

@cython.locals(n=Py_ssize_t, size=Py_ssize_t, m=Py_ssize_t, r=Py_ssize_t, i=Py_ssize_t,
               c=Py_ssize_t, lo=Py_ssize_t, hi=Py_ssize_t, q=Py_ssize_t, k=Py_ssize_t,
               classes=Py_ssize_t, w=double, total=double, norm=double, acc=double, row=list,
               seen_v=int[::1], cols_v=Py_ssize_t[::1], counts_v=double[::1],
               ends_v=Py_ssize_t[::1], tf_v=double[::1], weights_v=double[::1],
               idf_v=double[::1], coef_v=double[:, ::1], out_v=double[:, ::1])
cpdef object _tfidf_logits(list columns, object idf, object coef, object intercept,
                           bint sublinear)
