# C types for lexicon.py's matching loops, used when the module is compiled (see setup.py).
cimport cython

@cython.locals(n=Py_ssize_t, k=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, left=bint,
               right=bint, before=Py_UCS4, after=Py_UCS4, kept=list)
cpdef list _on_word_boundaries(str text, list matches, list edges)

@cython.locals(start=Py_ssize_t, end=Py_ssize_t, taken=Py_ssize_t, hits=list)
cpdef list _longest_first(object doc, list candidates)

cpdef bint _is_word_char(Py_UCS4 ch) except -1

@cython.locals(before=Py_UCS4)
cpdef bint _starts_word(str text, Py_ssize_t start) except -1

@cython.locals(n=Py_ssize_t, after=Py_UCS4)
cpdef bint _ends_word(str text, Py_ssize_t end) except -1

cpdef bint _rules_hold(object doc, tuple rules, Py_ssize_t start, Py_ssize_t end) except -1
