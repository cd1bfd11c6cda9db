# C types for _evidence.py, used when the module is compiled (see setup.py).

cpdef list _spans(str text, list hits, list quoted, str measure, dict sources)
