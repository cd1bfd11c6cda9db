# C types for text.py's loops over characters, used when the module is compiled (see setup.py).
cimport cython

@cython.locals(lower=str)
cpdef str normalise(str word)

@cython.locals(out=bytearray, units="unsigned char *", i=Py_ssize_t, ch=Py_UCS4, code=Py_ssize_t)
cpdef _normalised_ascii_cased(str text)

@cython.locals(code=Py_ssize_t)
cpdef bint is_cased_beyond_ascii(Py_UCS4 ch) noexcept

cpdef tuple token_columns(str text, Py_ssize_t offset=*)

@cython.locals(pos=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, chunk=str, word=str, mark=str,
               starts=list, ends=list, texts=list, norms=list)
cpdef tuple _columns_by_chunk(str text, Py_ssize_t offset)

@cython.locals(first=Py_ssize_t, i=Py_ssize_t, alnum=bint, plain=bint, ch=Py_UCS4, starts=list,
               ends=list, texts=list, norms=list)
cpdef tuple _columns_by_character(str text, Py_ssize_t offset, bint texts_only=*)

@cython.locals(word=str)
cdef _add_chunk(str text, Py_ssize_t i, Py_ssize_t j, bint alnum, bint plain, Py_ssize_t offset,
                list starts, list ends, list texts, list norms)

@cython.locals(core=Py_ssize_t, stop=Py_ssize_t, end=Py_ssize_t, marks=Py_ssize_t, plain=bint,
               ch=Py_UCS4, word=str, possessive=str)
cpdef bint _add_marked_word(str text, Py_ssize_t i, Py_ssize_t j, Py_ssize_t offset, list starts,
                            list ends, list texts, list norms) except -1

@cython.locals(k=Py_ssize_t, mark=str)
cdef _add_marks(str text, Py_ssize_t start, Py_ssize_t stop, Py_ssize_t offset, list starts,
                list ends, list texts, list norms)

cdef inline bint _is_mark(Py_UCS4 ch) noexcept

cdef inline bint _is_plain(Py_UCS4 ch) noexcept

cpdef list find_tokens(str text, Py_ssize_t start, Py_ssize_t end)

@cython.locals(at=Py_ssize_t, word=str)
cpdef _add_matches(str chunk, Py_ssize_t start, list starts, list ends, list texts, list norms)

@cython.locals(stop=Py_ssize_t, words=Py_ssize_t, first=Py_ssize_t, i=Py_ssize_t, ch=Py_UCS4)
cpdef Py_ssize_t count_words(str text, Py_ssize_t start=*, object end=*) except -1

cdef bint _is_word(str text, Py_ssize_t start, Py_ssize_t end) except -1

cpdef list split_sentences(str text)

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, end=Py_ssize_t, skip_to=Py_ssize_t, cut=Py_ssize_t,
               ch=Py_UCS4, count=Py_ssize_t, first=Py_ssize_t, bounds=list, counts=list)
cpdef tuple sentences_and_words(str text)

cdef void _add_sentence(str text, Py_ssize_t lead, Py_ssize_t tail, Py_ssize_t words,
                        list bounds, list counts) except *

@cython.locals(stop=Py_ssize_t)
cpdef bint _lower_case_follows(str text, Py_ssize_t end) except -1

@cython.locals(lo=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t, dot=Py_ssize_t, ch=Py_UCS4)
cpdef bint _is_abbreviation(str text, Py_ssize_t period) except -1

@cython.locals(n=Py_ssize_t, first=Py_ssize_t, stop=Py_ssize_t, lo=Py_ssize_t, last=Py_ssize_t,
               word=Py_ssize_t, opening=Py_UCS4, closing=Py_UCS4)
cpdef bint _continues_line(str text, Py_ssize_t newline) except -1

@cython.locals(pairs=list, open_at=Py_ssize_t, closer=Py_UCS4, scan_from=Py_ssize_t,
               n=Py_ssize_t, pos=Py_ssize_t, ch=Py_UCS4, newline=Py_ssize_t, end=Py_ssize_t)
cpdef list _pair_quote_marks(str text)

@cython.locals(marks=list, mark=str, at=Py_ssize_t)
cpdef list _quote_marks(str text)

cpdef Py_ssize_t skip_space(str text, Py_ssize_t at) except -1

cpdef Py_ssize_t trim_space(str text, Py_ssize_t end, Py_ssize_t lo=*) except -1

@cython.locals(before=Py_UCS4, after=Py_UCS4)
cpdef bint _can_open(str text, Py_ssize_t pos, Py_UCS4 ch) except -1

@cython.locals(after=Py_UCS4)
cpdef bint _can_close(str text, Py_ssize_t pos, Py_UCS4 ch) except -1

@cython.locals(ch=Py_UCS4)
cpdef bint _is_name(str word) except -1

@cython.locals(quotes=list, openings=list, inside=list, k=Py_ssize_t, last=Py_ssize_t,
               start=Py_ssize_t, end=Py_ssize_t, at=Py_ssize_t, stop=Py_ssize_t)
cpdef list in_quotes(object doc, object hits)

@cython.locals(ranges=list, k=Py_ssize_t, start=Py_ssize_t, end=Py_ssize_t,
               first=Py_ssize_t)
cpdef list token_ranges(object spans, list starts)

@cython.locals(hi=Py_ssize_t, mid=Py_ssize_t, at=Py_ssize_t)
cpdef Py_ssize_t bisect_from(list values, Py_ssize_t x, Py_ssize_t lo=*) except -1

@cython.locals(places=list, k=Py_ssize_t, n=Py_ssize_t, offset=Py_ssize_t, at=Py_ssize_t)
cpdef list _last_at_or_before(list starts, object offsets)
