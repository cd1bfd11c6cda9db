# C types for the stance recipe's per-mention feature loops, used when compiled (see setup.py).
cimport cython

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, s=Py_ssize_t, base=Py_ssize_t, columns=list,
               values=list, records=dict, by_sentence=dict)
cpdef tuple mention_rows(object doc, object mentions, object lookup)

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, i=Py_ssize_t, norms=list, texts=list,
               valued=list, capitalised=list, words=dict, text=str)
cpdef object _sentence_of(object doc, object sent, list matches)

@cython.locals(words=dict, pairs=dict, by_word=list, by_pair=list)
cpdef object _word_columns(object sentence, object lookup)

@cython.locals(words=list, pairs=list, first=Py_ssize_t, stop=Py_ssize_t, i=Py_ssize_t,
               n=Py_ssize_t, w=Py_ssize_t, before_t=Py_ssize_t, after_t=Py_ssize_t,
               vocabulary=dict, out=list)
cpdef list _columns(object view, object table, object lookup)

cpdef Py_ssize_t _slot(Py_ssize_t distance) noexcept

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, i=Py_ssize_t, distance=Py_ssize_t,
               value=double, weighted=double, near=double, left=double, right=double,
               whole=double, pos=double, neg=double)
cpdef tuple _valence(object view)
