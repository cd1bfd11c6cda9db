# C types for the stance measure's per-mention loops, used when compiled (see setup.py).
cimport cython
from framing.text cimport bisect_from

@cython.locals(i=Py_ssize_t, table=dict, skip=set, norms=list, values=list)
cpdef dict _cue_table(object doc, object labels, object events)

@cython.locals(lo=Py_ssize_t, hi=Py_ssize_t, i=Py_ssize_t, distance=Py_ssize_t, step=Py_ssize_t,
               start=Py_ssize_t, s=Py_ssize_t, out=list, stops=list, voices=list, cues=dict)
cpdef list _window(Py_ssize_t first, Py_ssize_t stop, object clauses)

@cython.locals(lo=Py_ssize_t, hi=Py_ssize_t, k=Py_ssize_t, i=Py_ssize_t, out=list)
cpdef list _plain_window(Py_ssize_t first, Py_ssize_t stop, list bounds, list positions,
                         Py_ssize_t sent_first, Py_ssize_t sent_stop)

@cython.locals(raw=double, value=double, contribution=double, score=double, i=Py_ssize_t,
               distance=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, length=Py_ssize_t,
               first=Py_ssize_t, stop=Py_ssize_t, in_quote=bint, spans=list, starts=list,
               ends=list, text=str, cues=dict)
cpdef tuple _score_mention(object mention, object clauses, double irony, object predicted)

@cython.locals(i=Py_ssize_t, first=Py_ssize_t, stop=Py_ssize_t, is_stop=bint, same=bint,
               norms=list, voices=list, stops=list, bounds=list, one_voice=list)
cpdef object _clauses(object doc, dict cues)

@cython.locals(found=list, taken=Py_ssize_t, i=Py_ssize_t, length=Py_ssize_t, names=dict)
cpdef list _find_mentions(dict index, list norms, list texts)

cpdef str _case_key(str text)

cdef double _ROUNDER

@cython.locals(scaled=double, whole=double)
cpdef double round3(double x)

@cython.locals(scaled=double, whole=double, hundredths=Py_ssize_t)
cpdef str format_signed(double x)

cpdef str label_for(object score, Py_ssize_t mentions)
