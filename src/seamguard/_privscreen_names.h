/* The name screen of seamguard._privscreen (included by _privscreen.c, compiled with it): whether
 * a dict may hold a bare name that RecordScrubber._bare_names would find, so the walk hands it
 * to Python, or none, so the walk goes on in C. Uses the context flags PERSON and CONTACT that
 * _privscreen.c defines before including it. */
#ifndef SEAMGUARD_PRIVSCREEN_NAMES_H
#define SEAMGUARD_PRIVSCREEN_NAMES_H

/* Whether a string that starts with a capital may be a Latin name as record_keys._latin_person
 * reads one (two to four capitalised words, with particles, a title or a suffix): a small
 * letter or an apostrophe after the capital ("Mc", "O'", "Dr", "Anna"), only letters of
 * Latin-1, blanks, hyphens, apostrophes, stops and commas, and a blank or a hyphen between two
 * words. A necessary condition only: the Python reading decides. */
/* A middle dot between a name's parts (阿依古丽·吐尔逊): such a name is longer than six. */
static int
has_middle_dot(PyObject *value)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(value);
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(value, i);
        if (ch == 0xB7 || ch == 0x30FB || ch == 0x2027 || ch == 0x2022) {
            return 1;
        }
    }
    return 0;
}

static int
may_be_latin_name(PyObject *value)
{
    int kind = PyUnicode_KIND(value);
    const void *data = PyUnicode_DATA(value);
    Py_ssize_t length = PyUnicode_GET_LENGTH(value);
    Py_UCS4 second = PyUnicode_READ(kind, data, 1);
    if (!((second >= 'a' && second <= 'z') || (second >= 0xDF && second <= 0xFF
                                               && second != 0xF7) || second == '\'')) {
        return 0;
    }
    int separated = 0;
    for (Py_ssize_t i = 0; i < length; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == ' ' || c == '-') {
            separated = 1;
        }
        else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                   || (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7)
                   || c == '\'' || c == '.' || c == ',' || Py_UNICODE_ISSPACE(c))) {
            return 0;
        }
    }
    return separated;
}

/* Whether RecordScrubber._bare_names may find a name in a dict: a value under one of the
 * plan's bare-name keys starts like a Chinese name (two to six characters, the first CJK) or
 * may be a Latin name (see may_be_latin_name), and a sibling may say the dict describes a
 * person (its key names a contact kind, or its value, a string or an int, is not known as
 * harmless under its key; a value that may be a Latin name is read as a sibling too, since
 * the Python reading may find it is none, and then an address). Then the dict is walked in
 * Python; so it is when a candidate's first character is a blank (read there by a regex). */
#define MAX_BARE 64

static int
bare_candidate(PyObject *dict, PyObject *plan, PyObject *nothing)
{
    PyObject *bare = PyTuple_GET_ITEM(plan, 1);
    Py_ssize_t count = PyTuple_GET_SIZE(bare);
    if (count == 0) {
        return 0;
    }
    Py_ssize_t size = PyDict_GET_SIZE(dict);
    if (size > MAX_BARE) {
        return 1;
    }
    PyObject *values[MAX_BARE];
    char candidate[MAX_BARE] = {0};
    Py_ssize_t position = 0, index = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &position, &key, &value) && index < size) {
        values[index++] = value;
    }
    if (index != size) {
        return 1;
    }
    int any = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *number = PyTuple_GET_ITEM(bare, i);
        Py_ssize_t at = PyLong_Check(number) ? PyLong_AsSsize_t(number) : -1;
        if (at < 0 || at >= size) {
            PyErr_Clear();
            return 1;
        }
        value = values[at];
        if (PyDict_CheckExact(value) && PyDict_GET_SIZE(value) == 1) {
            /* a form widget's wrapper, {"value": "…"}: its string (record_keys._unwrapped) */
            PyObject *inner = PyDict_GetItemString(value, "value");
            if (inner != NULL && PyUnicode_CheckExact(inner)) {
                value = inner;
            }
        }
        if (!PyUnicode_CheckExact(value)) {
            continue;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(value);
        if (length < 2) {
            continue;
        }
        Py_UCS4 first = PyUnicode_READ_CHAR(value, 0);
        /* blanks first: the Python reading decides */
        if (Py_UNICODE_ISSPACE(first)) {
            return 1;
        }
        /* a capital that may start a Latin name ("Josette Picard", "Émile Zola", at any
         * length): a candidate, and still a sibling that may hold a contact */
        if ((first >= 'A' && first <= 'Z') || (first >= 0xC0 && first <= 0xDE && first != 0xD7)) {
            if (may_be_latin_name(value)) {
                candidate[at] = 2;
                any = 1;
            }
            continue;
        }
        if ((length <= 6 || (length <= 20 && has_middle_dot(value)))
            && ((first >= 0x4e00 && first <= 0x9fff)
                || (first >= 0x20000 && first <= 0x3134f))) {
            candidate[at] = 1;
            any = 1;
        }
    }
    if (!any) {
        return 0;
    }
    PyObject *contexts = PyTuple_GET_ITEM(plan, 0);
    for (Py_ssize_t i = 0; i < size; i++) {
        if (candidate[i] == 1) {
            continue;
        }
        PyObject *context = PyTuple_GET_ITEM(contexts, i);
        long flags = PyLong_AsLong(PyTuple_GET_ITEM(context, 2));
        if (flags == -1 && PyErr_Occurred()) {
            PyErr_Clear();
            return 1;
        }
        if (flags & PERSON) {
            return 1;
        }
        if (!(flags & CONTACT)) {
            continue;
        }
        value = values[i];
        if (PyDict_CheckExact(value) || (PyList_CheckExact(value) && PyList_GET_SIZE(value))) {
            /* an object or a list beside a name may be a contact: read in Python */
            return 1;
        }
        if (PyUnicode_CheckExact(value)) {
            if (PyUnicode_GET_LENGTH(value) < 5) {
                continue;
            }
            PyObject *cached = PyDict_GetItemWithError(PyTuple_GET_ITEM(context, 1), value);
            if (cached == NULL && PyErr_Occurred()) {
                PyErr_Clear();
                return 1;
            }
            if (cached != nothing) {
                return 1;
            }
        }
        else if (PyLong_CheckExact(value)) {
            int overflow = 0;
            long long number = PyLong_AsLongLongAndOverflow(value, &overflow);
            if (overflow || number < -999 || number > 9999) {
                /* five characters or more as text: read as its digits, which the cache may
                 * know as harmless (the Python reading looks them up there) */
                PyObject *digits = PyObject_Str(value);
                if (digits == NULL) {
                    PyErr_Clear();
                    return 1;
                }
                PyObject *cached = PyDict_GetItemWithError(PyTuple_GET_ITEM(context, 1), digits);
                Py_DECREF(digits);
                if (cached == NULL && PyErr_Occurred()) {
                    PyErr_Clear();
                    return 1;
                }
                if (cached != nothing) {
                    return 1;
                }
            }
        }
    }
    return 0;
}

/* Whether a list may be a row of a record (RecordScrubber._row_names may find names). */

#endif /* SEAMGUARD_PRIVSCREEN_NAMES_H */
