# C types for the stance recipe's per-mention feature loops, used when compiled (see setup.py).
cimport cython

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, s=Py_ssize_t, base=Py_ssize_t, columns=list,
               values=list, records=dict, by_sentence=dict)
cpdef tuple mention_rows(object doc, object mentions, object lookup)

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, i=Py_ssize_t, norms=list, texts=list,
               valued=list, capitalised=list, words=dict, text=str)
cpdef object _sentence_of(object doc, object sent, list matches)

@cython.locals(offsets=dict, norms=list, i=Py_ssize_t, at_word=int[::1], at_pair=int[::1])
cpdef object _word_columns(object sentence, object lookup)

@cython.locals(vocabulary=dict, cues=list, used=Py_ssize_t)
cpdef object _columns(object view, object table, object lookup)

@cython.locals(n=Py_ssize_t, m=Py_ssize_t, i=Py_ssize_t, w=Py_ssize_t, before_t=Py_ssize_t,
               after_t=Py_ssize_t)
cpdef Py_ssize_t _fill_columns(int[::1] out, Py_ssize_t first, Py_ssize_t stop, int[::1] words,
                               int[::1] pairs, int[::1] word_table, int[::1] pair_table,
                               int target, list cues) except -1

cpdef Py_ssize_t _slot(Py_ssize_t distance) noexcept

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, i=Py_ssize_t, distance=Py_ssize_t,
               value=double, weighted=double, near=double, left=double, right=double,
               whole=double, pos=double, neg=double)
cpdef tuple _valence(object view)
