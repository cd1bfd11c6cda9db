# C types for lexicon.py's matching loops, used when the module is compiled (see setup.py).
cimport cython
from framing.text cimport is_cased_beyond_ascii

cdef Py_ssize_t _FNV_SEED, _FNV_PRIME, _FNV_MASK, _SLOTS, _LOOK_BACK
cdef bytes _WORD_CODES, _FOLDED_WORD_CODES

@cython.locals(last_start=Py_ssize_t, last_end=Py_ssize_t, last_hash=Py_ssize_t,
               start=Py_ssize_t, h=Py_ssize_t, i=Py_ssize_t, ch=Py_UCS4,
               slots="const unsigned char *", code=Py_ssize_t,
               ascii_codes="const unsigned char *", pair_hash=Py_ssize_t, pair=Py_ssize_t,
               word=Py_ssize_t)
cpdef list _word_occurrences(str text, bytearray table, bint fold)

@cython.locals(at=Py_ssize_t, p=Py_ssize_t, forms_at=Py_ssize_t, mask=Py_ssize_t)
cdef inline Py_ssize_t _opening_at(const unsigned char *table, Py_ssize_t h) noexcept

@cython.locals(value=Py_ssize_t)
cdef inline Py_ssize_t _read_uint32(const unsigned char *data, Py_ssize_t at) noexcept

cdef _open_at(str text, Py_ssize_t start, Py_ssize_t pair, Py_ssize_t word,
              const unsigned char *table, bint fold, list found)

@cython.locals(n=Py_ssize_t, count=Py_ssize_t, k=Py_ssize_t, closes=Py_ssize_t,
               length=Py_ssize_t, codes=Py_ssize_t, end=Py_ssize_t)
cdef _add_found(str text, Py_ssize_t start, const unsigned char *table, Py_ssize_t at,
                bint fold, list found)

# noexcept: it reads the text only up to the end its caller checked
@cython.locals(last=Py_ssize_t, j=Py_ssize_t)
cdef inline bint _occurs(str text, Py_ssize_t start, Py_ssize_t length,
                         const unsigned char *table, Py_ssize_t codes, bint fold) noexcept

@cython.locals(code=Py_ssize_t)
cdef inline Py_ssize_t _code(Py_UCS4 ch, bint fold) noexcept

@cython.locals(h=Py_ssize_t, ch=Py_UCS4)
cpdef Py_ssize_t _word_hash(str word) except -1

cdef inline Py_ssize_t _pair_hash(Py_ssize_t first, Py_ssize_t gap, Py_ssize_t second) noexcept

@cython.locals(k=Py_ssize_t, slot=Py_ssize_t, count=Py_ssize_t, hits=list, taken=list,
               target=tuple, at=Py_ssize_t, j=Py_ssize_t, rules=tuple)
cpdef list _longest_first(object doc, list occurrences, list targets, Py_ssize_t lexicons)

cdef inline bint _is_word_char(Py_UCS4 ch) noexcept

@cython.locals(before=Py_UCS4)
cpdef bint _starts_word(str text, Py_ssize_t start) except -1

@cython.locals(n=Py_ssize_t, after=Py_UCS4)
cpdef bint _ends_word(str text, Py_ssize_t end) except -1

cpdef bint _rules_hold(object doc, tuple rules, Py_ssize_t start, Py_ssize_t end) except -1

@cython.locals(at=Py_ssize_t)
cpdef str _first_after(str text, Py_ssize_t end)

@cython.locals(lo=Py_ssize_t, at=Py_ssize_t)
cpdef str _last_before(str text, Py_ssize_t start)
