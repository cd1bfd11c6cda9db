# C types for the stance recipe's per-mention feature loops, used when compiled (see setup.py).
cimport cython

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, s=Py_ssize_t, base=Py_ssize_t, columns=list,
               values=list, records=dict, by_sentence=dict)
cpdef tuple mention_rows(object doc, object mentions, object lookup)

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, i=Py_ssize_t, norms=list, texts=list,
               valued=list, words=dict)
cpdef object _sentence_of(object doc, object sent, list matches)

@cython.locals(words=dict, pairs=dict)
cpdef object _word_columns(object sentence, object lookup)

@cython.locals(words=list, pairs=list, first=Py_ssize_t, stop=Py_ssize_t, i=Py_ssize_t,
               left=list, right=list, out=list)
cpdef list _columns(object view, object table, object lookup)

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, i=Py_ssize_t, distance=Py_ssize_t,
               value=double, weighted=double, near=double, left=double, right=double,
               whole=double, pos=double, neg=double)
cpdef tuple _valence(object view)
