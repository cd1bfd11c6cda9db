# C types for the stance recipe's per-mention feature loops, used when compiled (see setup.py).
cimport cython
from framing.models.linear cimport PairIndex

@cython.locals(first=Py_ssize_t, stop=Py_ssize_t, s=Py_ssize_t, base=Py_ssize_t, values=list,
               records=dict, by_sentence=dict, sentence_of=list, sentences=list, in_quote=list)
cpdef tuple mention_rows(object doc, object mentions, object lookup)

@cython.locals(start=Py_ssize_t, end=Py_ssize_t, first=Py_ssize_t, stop=Py_ssize_t,
               i=Py_ssize_t, norms=list, texts=list, valued=list, capitalised=list, values=list,
               word=str, text=str)
cpdef object _sentence_of(object doc, object sent, list cues)

cdef class _RowBuilder:
    cdef dict vocabulary
    cdef object column, word_memo, cue_memo
    cdef int[::1] words, pairs
    cdef list cues, sentences, targets, target_cues
    cdef Py_ssize_t tokens, room

    @cython.locals(norms=list, words=int[::1], pairs=int[::1], cues=list, offsets=dict,
                   base=Py_ssize_t, n=Py_ssize_t, first_cue=Py_ssize_t, i=Py_ssize_t,
                   index=PairIndex, at=cython.longlong)
    cpdef Py_ssize_t add_sentence(self, object sentence) except -1

    @cython.locals(base=Py_ssize_t, n=Py_ssize_t, first_cue=Py_ssize_t, stop_cue=Py_ssize_t,
                   start=Py_ssize_t, vocabulary=dict, target_cues=list)
    cpdef add_target(self, object sentence, Py_ssize_t first, Py_ssize_t stop, bint quoted,
                     Py_ssize_t number)

    cpdef object build(self)

@cython.locals(m=Py_ssize_t, fields=Py_ssize_t, r=Py_ssize_t, t=Py_ssize_t, base=Py_ssize_t,
               n=Py_ssize_t, first=Py_ssize_t, stop=Py_ssize_t, i=Py_ssize_t)
cpdef _fill_rows(int[::1] out, int[::1] bounds, list targets, int[::1] words, int[::1] pairs,
                 list cues, list target_cues, int[::1] word_table, int[::1] pair_table,
                 int[::1] cue_table, int target)

@cython.locals(i=Py_ssize_t, k=Py_ssize_t, w=Py_ssize_t, before_t=Py_ssize_t,
               after_t=Py_ssize_t)
cdef Py_ssize_t _fill_words(int[::1] out, Py_ssize_t m, Py_ssize_t base, Py_ssize_t n,
                            Py_ssize_t first, Py_ssize_t stop, int[::1] words, int[::1] pairs,
                            int[::1] word_table, int[::1] pair_table, int target) except -1

@cython.locals(k=Py_ssize_t, cue_first=Py_ssize_t, cue_stop=Py_ssize_t, at=Py_ssize_t,
               says=bint, distance=Py_ssize_t)
cdef Py_ssize_t _fill_cues(int[::1] out, Py_ssize_t m, Py_ssize_t first, Py_ssize_t stop,
                           list cues, Py_ssize_t lo, Py_ssize_t hi, int[::1] cue_table) except -1

cpdef Py_ssize_t _slot(Py_ssize_t distance) noexcept

@cython.locals(i=Py_ssize_t, distance=Py_ssize_t, value=double, weighted=double, near=double,
               left=double, right=double, whole=double, pos=double, neg=double)
cpdef tuple _valence(list valued, Py_ssize_t first, Py_ssize_t stop)

@cython.locals(i=Py_ssize_t, names=Py_ssize_t, capitalised=list, out=list)
cpdef list _target_cues(object sentence, Py_ssize_t first, Py_ssize_t stop, bint quoted)
