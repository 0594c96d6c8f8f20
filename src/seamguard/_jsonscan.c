/* One pass over a JSON text's UTF-8 bytes for what seamguard.document_json screens for, and a
 * count of the keys in a parsed value. The pure-Python reference is
 * seamguard/document_scan.py (scan_reference, keys_reference) and, for pairs,
 * seamguard/wire/requests.py (_pairs); tests compare them on generated and hostile input.
 *
 * scan(data: bytes) -> (flags, openings, colons)
 *   flags: LONG_DIGITS (a run of 19 or more ASCII digits), ESCAPE (a backslash followed by
 *   "u"), EXPONENT (a digit followed by "e" or "E"), SIXTEEN (16 or more digits followed by
 *   "."), all over every byte, inside strings or not;
 *   openings: how many bytes are "[" or "{";
 *   colons: how many ":" lie outside strings (a string opens and closes at an unescaped '"').
 * keys(value) -> int
 *   how many entries the dicts in value hold, at any depth (lists and dicts are walked).
 * screens(text, value) -> (flags, openings, repeats)
 *   scan() of a str's UTF-8 and whether the value parsed from it lost a repeated key
 *   (seamguard.document_scan.screens_reference).
 * read(loads, text, max_depth, lossless) -> (value, plain, lossless) | None
 *   loads_json_screens's answer for the texts it answers without a question (else None).
 * documents(values, loads, check, key, screened, max_depth, integers) -> bool
 *   whether every JSON text among values is read, screened and valid without a question
 *   (PlanDocument.clean's loop over an embedded-document site; False: that loop decides).
 * pairs(text, charset, errors) -> dict | None
 *   seamguard.wire.requests._pairs for ASCII text (None for any other: read in Python).
 *
 * Only bytes within the buffer's length are read; the walk keeps its own stack on the heap,
 * so no input can overflow the C stack. Neither function runs Python code while it reads.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#define LONG_DIGITS 1
#define ESCAPE 2
#define EXPONENT 4
#define SIXTEEN 8

/* Byte classes: most bytes of a body (letters, UTF-8 beyond ASCII, spaces) are OTHER. */
enum { OTHER, DIGIT, LETTER_E, POINT, OPENING, LETTER_U, BACKSLASH, QUOTE, COLON };

static unsigned char classes[256];

static void
fill_classes(void)
{
    for (int c = '0'; c <= '9'; c++) {
        classes[c] = DIGIT;
    }
    classes['e'] = classes['E'] = LETTER_E;
    classes['.'] = POINT;
    classes['['] = classes['{'] = OPENING;
    classes['u'] = LETTER_U;
    classes['\\'] = BACKSLASH;
    classes['"'] = QUOTE;
    classes[':'] = COLON;
}

/* The pass itself over size bytes at data (read only within them). */
static void
scan_bytes(const unsigned char *data, const Py_ssize_t size, long *flags_out,
           Py_ssize_t *openings_out, Py_ssize_t *colons_out)
{
    Py_ssize_t run = 0, openings = 0, colons = 0;
    long flags = 0;
    /* in_string: between an opening and a closing quote; escaped: the byte before, inside a
     * string, was an escaping backslash; backslash: the byte before was a backslash at all */
    int in_string = 0, escaped = 0, backslash = 0;
    for (Py_ssize_t i = 0; i < size; i++) {
        const unsigned char kind = classes[data[i]];
        if (kind == OTHER) {
            run = 0;
            escaped = backslash = 0;
            continue;
        }
        if (kind == DIGIT) {
            if (++run >= 19) {
                flags |= LONG_DIGITS;
            }
            escaped = backslash = 0;
            continue;
        }
        switch (kind) {
        case LETTER_E:
            if (run) {
                flags |= EXPONENT;
            }
            break;
        case POINT:
            if (run >= 16) {
                flags |= SIXTEEN;
            }
            break;
        case OPENING:
            openings++;
            break;
        case LETTER_U:
            if (backslash) {
                flags |= ESCAPE;
            }
            break;
        case BACKSLASH:
            run = 0;
            backslash = 1;
            if (in_string) {
                escaped = !escaped;
            }
            continue;
        case QUOTE:
            if (!in_string) {
                in_string = 1;
            }
            else if (!escaped) {
                in_string = 0;
            }
            break;
        case COLON:
            if (!in_string) {
                colons++;
            }
            break;
        }
        run = 0;
        escaped = backslash = 0;
    }
    *flags_out = flags;
    *openings_out = openings;
    *colons_out = colons;
}

static PyObject *
scan(PyObject *Py_UNUSED(module), PyObject *arg)
{
    if (!PyBytes_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "scan() takes bytes, not %.100s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    long flags;
    Py_ssize_t openings, colons;
    scan_bytes((const unsigned char *)PyBytes_AS_STRING(arg), PyBytes_GET_SIZE(arg), &flags,
               &openings, &colons);
    return Py_BuildValue("(lnn)", flags, openings, colons);
}

/* How many entries the dicts in value hold; -1 with MemoryError set when its stack cannot
 * grow. */
static Py_ssize_t
count_keys(PyObject *value)
{
    /* Borrowed references only: nothing here runs Python code or changes a container. */
    Py_ssize_t capacity = 64, depth = 0, count = 0;
    PyObject **stack = PyMem_New(PyObject *, (size_t)capacity);
    if (stack == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    stack[depth++] = value;
    while (depth > 0) {
        PyObject *item = stack[--depth];
        Py_ssize_t size;
        if (PyDict_Check(item)) {
            size = PyDict_GET_SIZE(item);
            count += size;
        }
        else if (PyList_Check(item)) {
            size = PyList_GET_SIZE(item);
        }
        else {
            continue;
        }
        if (size > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(PyObject *) - depth) {
            PyMem_Free(stack);
            PyErr_NoMemory();
            return -1;
        }
        if (depth + size > capacity) {
            Py_ssize_t wanted = capacity;
            while (wanted < depth + size) {
                if (wanted > PY_SSIZE_T_MAX / 2 / (Py_ssize_t)sizeof(PyObject *)) {
                    PyMem_Free(stack);
                    PyErr_NoMemory();
                    return -1;
                }
                wanted *= 2;
            }
            PyObject **grown = PyMem_Resize(stack, PyObject *, (size_t)wanted);
            if (grown == NULL) {
                PyMem_Free(stack);
                PyErr_NoMemory();
                return -1;
            }
            stack = grown;
            capacity = wanted;
        }
        if (PyDict_Check(item)) {
            Py_ssize_t position = 0;
            PyObject *key, *child;
            while (PyDict_Next(item, &position, &key, &child)) {
                if (PyDict_Check(child) || PyList_Check(child)) {
                    stack[depth++] = child;
                }
            }
        }
        else {
            for (Py_ssize_t i = 0; i < size; i++) {
                PyObject *child = PyList_GET_ITEM(item, i);
                if (PyDict_Check(child) || PyList_Check(child)) {
                    stack[depth++] = child;
                }
            }
        }
    }
    PyMem_Free(stack);
    return count;
}

static PyObject *
keys(PyObject *Py_UNUSED(module), PyObject *value)
{
    Py_ssize_t count = count_keys(value);
    return count < 0 ? NULL : PyLong_FromSsize_t(count);
}

/* The UTF-8 of a str, read in place when CPython keeps it (else a copy, in *copy, which the
 * caller releases after reading): NULL with an exception set when it cannot be had. */
static const char *
utf8_of(PyObject *text, Py_ssize_t *size, PyObject **copy)
{
    *copy = NULL;
    const char *data = PyUnicode_AsUTF8AndSize(text, size);
    if (data != NULL) {
        return data;
    }
    if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
        return NULL;
    }
    PyErr_Clear();  /* a lone surrogate: the bytes surrogatepass writes */
    *copy = PyUnicode_AsEncodedString(text, "utf-8", "surrogatepass");
    if (*copy == NULL) {
        return NULL;
    }
    *size = PyBytes_GET_SIZE(*copy);
    return PyBytes_AS_STRING(*copy);
}

/* scan() of a str's UTF-8 and the duplicate-key answer for value (see screens()): 0, or -1
 * with an exception set. */
static int
screen_text(PyObject *text, PyObject *value, long *flags, Py_ssize_t *openings, int *repeats)
{
    PyObject *copy;
    Py_ssize_t size, colons;
    const char *data = utf8_of(text, &size, &copy);
    if (data == NULL) {
        return -1;
    }
    scan_bytes((const unsigned char *)data, size, flags, openings, &colons);
    Py_XDECREF(copy);
    *repeats = 0;
    if (colons >= 2 && !(PyDict_CheckExact(value) && PyDict_GET_SIZE(value) == colons)) {
        Py_ssize_t count = count_keys(value);
        if (count < 0) {
            return -1;
        }
        *repeats = count != colons;
    }
    return 0;
}

/* screens(text: str, value) -> (flags, openings, repeats): scan() of the text's UTF-8 (lone
 * surrogates written as surrogatepass writes them) and whether value, which a parser read from
 * the text, lost a key the text names twice in one object: its colons outside strings
 * outnumber the entries of value (seamguard.document_json._repeats). The str's own UTF-8 is
 * read when it has one (CPython keeps it beside the text; no copy), else a copy. */
static PyObject *
screens(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "screens() takes (text: str, value)");
        return NULL;
    }
    long flags;
    Py_ssize_t openings;
    int repeats;
    if (screen_text(args[0], args[1], &flags, &openings, &repeats) < 0) {
        return NULL;
    }
    return Py_BuildValue("(lnO)", flags, openings, repeats ? Py_True : Py_False);
}

/* read(loads, text, max_depth, lossless) -> (value, plain, lossless) | None
 *
 * seamguard.document_json.loads_json_screens's answer in one call, for the texts it answers
 * without a question: loads (orjson.loads) reads the text, which has no run of 19 digits, no
 * more opening brackets than max_depth and no key named twice in one object; plain: no "\u"
 * escape (the documents inside its strings need no screen of their own); lossless (when
 * asked): also no exponent nor 16 digits before a point. None for any other text (the Python
 * function decides). The text is read after loads returned, never while it runs. */
static PyObject *
read_text(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4 || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError,
                        "read() takes (loads, text: str, max_depth: int, lossless)");
        return NULL;
    }
    PyObject *text = args[1];
    Py_ssize_t max_depth = PyLong_AsSsize_t(args[2]);
    int lossless = PyObject_IsTrue(args[3]);
    if ((max_depth == -1 && PyErr_Occurred()) || lossless < 0) {
        return NULL;
    }
    PyObject *value = PyObject_CallOneArg(args[0], text);
    if (value == NULL) {
        if (PyErr_ExceptionMatches(PyExc_ValueError)) {  /* not JSON to orjson */
            PyErr_Clear();
            Py_RETURN_NONE;
        }
        return NULL;
    }
    long flags;
    Py_ssize_t openings;
    int repeats;
    if (screen_text(text, value, &flags, &openings, &repeats) < 0) {
        Py_DECREF(value);
        return NULL;
    }
    if (repeats || (flags & LONG_DIGITS) || openings > max_depth) {
        Py_DECREF(value);
        Py_RETURN_NONE;
    }
    int plain = !(flags & ESCAPE);
    int exact = lossless && plain && !(flags & (EXPONENT | SIXTEEN));
    return Py_BuildValue("(NOO)", value, plain ? Py_True : Py_False, exact ? Py_True : Py_False);
}

/* documents(values, loads, check, key, screened, max_depth, integers) -> bool
 *
 * True when every str among values (a list or tuple; anything else in it is skipped) is a
 * JSON document that loads (orjson.loads) reads, whose text names no key twice in one object,
 * and whose value check (a compiled is_valid) accepts, wrapped as {key: value} unless key is
 * None; when not screened, also no run of 19 digits and no more opening brackets than
 * max_depth (loads_json's own screens); with integers, also no digit before "e"/"E" nor 16
 * digits before a point (a float beyond 2^53 might be there). False: not shown, so the
 * caller's Python loop decides (seamguard.verify_gateway_documents.PlanDocument.clean).
 *
 * loads and check are called between reads, never during one: each text's UTF-8 is read after
 * loads returned, from a tuple of the values this function holds. */
static PyObject *
documents(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7 || !(PyList_Check(args[0]) || PyTuple_Check(args[0]))
            || (args[3] != Py_None && !PyUnicode_Check(args[3]))) {
        PyErr_SetString(PyExc_TypeError, "documents() takes (values: list | tuple, loads, "
                        "check, key: str | None, screened, max_depth: int, integers)");
        return NULL;
    }
    PyObject *loads = args[1], *check = args[2], *key = args[3];
    int screened = PyObject_IsTrue(args[4]), integers = PyObject_IsTrue(args[6]);
    Py_ssize_t max_depth = PyLong_AsSsize_t(args[5]);
    if (screened < 0 || integers < 0 || (max_depth == -1 && PyErr_Occurred())) {
        return NULL;
    }
    PyObject *values = PySequence_Tuple(args[0]);  /* its own: callbacks cannot change it */
    if (values == NULL) {
        return NULL;
    }
    PyObject *answer = Py_True;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(values); i++) {
        PyObject *text = PyTuple_GET_ITEM(values, i);
        if (!PyUnicode_Check(text)) {
            continue;  /* the outer schema says what is wrong with it */
        }
        PyObject *value = PyObject_CallOneArg(loads, text);
        if (value == NULL) {
            if (PyErr_ExceptionMatches(PyExc_ValueError)) {  /* not JSON to orjson */
                PyErr_Clear();
                answer = Py_False;
                break;
            }
            goto failed;
        }
        long flags;
        Py_ssize_t openings;
        int repeats;
        if (screen_text(text, value, &flags, &openings, &repeats) < 0) {
            Py_DECREF(value);
            goto failed;
        }
        if (repeats || (!screened && ((flags & LONG_DIGITS) || openings > max_depth))
                || (integers && (flags & (EXPONENT | SIXTEEN)))) {
            Py_DECREF(value);
            answer = Py_False;
            break;
        }
        PyObject *instance = value;
        if (key != Py_None) {
            instance = PyDict_New();
            if (instance == NULL || PyDict_SetItem(instance, key, value) < 0) {
                Py_XDECREF(instance);
                Py_DECREF(value);
                goto failed;
            }
            Py_DECREF(value);
        }
        PyObject *verdict = PyObject_CallOneArg(check, instance);
        Py_DECREF(instance);
        if (verdict == NULL) {
            goto failed;
        }
        int valid = PyObject_IsTrue(verdict);
        Py_DECREF(verdict);
        if (valid < 0) {
            goto failed;
        }
        if (!valid) {
            answer = Py_False;
            break;
        }
    }
    Py_DECREF(values);
    Py_INCREF(answer);
    return answer;
failed:
    Py_DECREF(values);
    return NULL;
}

/* ---- a query string or form body (seamguard.wire.requests._pairs, for ASCII text) ---- */

static int
hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/* text[start:end], "+" read as a space and each "%" with two hex digits after it as its byte
 * (any other "%" kept), decoded with the charset: urllib.parse.unquote_plus on ASCII text. */
static PyObject *
unquoted(const unsigned char *text, Py_ssize_t start, Py_ssize_t end, char *buffer,
         const char *charset, const char *errors)
{
    Py_ssize_t length = 0;
    for (Py_ssize_t i = start; i < end; i++) {
        unsigned char c = text[i];
        if (c == '+') {
            c = ' ';
        }
        if (c == '%' && i + 2 < end) {
            int high = hex_value(text[i + 1]), low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                buffer[length++] = (char)(high * 16 + low);
                i += 2;
                continue;
            }
        }
        buffer[length++] = (char)c;
    }
    return PyUnicode_Decode(buffer, length, charset, errors);
}

static int
special(const unsigned char *text, Py_ssize_t start, Py_ssize_t end)
{
    for (Py_ssize_t i = start; i < end; i++) {
        if (text[i] == '%' || text[i] == '+') {
            return 1;
        }
    }
    return 0;
}

static const char *
codec_name(PyObject *name)
{
    Py_ssize_t size;
    const char *text = PyUnicode_Check(name) ? PyUnicode_AsUTF8AndSize(name, &size) : NULL;
    if (text == NULL || (Py_ssize_t)strlen(text) != size) {
        PyErr_Clear();
        return NULL;
    }
    return text;
}

/* pairs(text, charset, errors) -> dict | None: "a=1&b=%E4%B8%AD" as a dict (a repeated
 * name's first value wins); None when the text is not ASCII (or a name is not plain text):
 * the caller reads it in Python then. */
static PyObject *
pairs(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "pairs() takes (text: str, charset: str, errors: str)");
        return NULL;
    }
    PyObject *text = args[0];
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0) {
        return NULL;
    }
#endif
    const char *charset = codec_name(args[1]), *errors = codec_name(args[2]);
    if (charset == NULL || errors == NULL || !PyUnicode_IS_ASCII(text)) {
        Py_RETURN_NONE;
    }
    const unsigned char *data = PyUnicode_1BYTE_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    char *buffer = PyMem_Malloc((size_t)size + 1);
    if (buffer == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *out = PyDict_New();
    if (out == NULL) {
        goto failed;
    }
    Py_ssize_t start = 0;
    while (start <= size) {
        Py_ssize_t end = start;
        while (end < size && data[end] != '&') {
            end++;
        }
        if (end > start) {
            Py_ssize_t equals = start;
            while (equals < end && data[equals] != '=') {
                equals++;
            }
            Py_ssize_t value_start = equals < end ? equals + 1 : end;
            int decode = special(data, start, end);
            PyObject *name = decode && special(data, start, equals)
                ? unquoted(data, start, equals, buffer, charset, errors)
                : PyUnicode_Substring(text, start, equals);
            if (name == NULL) {
                goto failed;
            }
            int seen = PyDict_Contains(out, name);
            if (seen < 0) {
                Py_DECREF(name);
                goto failed;
            }
            if (!seen) {
                PyObject *value = decode && special(data, value_start, end)
                    ? unquoted(data, value_start, end, buffer, charset, errors)
                    : PyUnicode_Substring(text, value_start, end);
                if (value == NULL) {
                    Py_DECREF(name);
                    goto failed;
                }
                int stored = PyDict_SetItem(out, name, value);
                Py_DECREF(value);
                if (stored < 0) {
                    Py_DECREF(name);
                    goto failed;
                }
            }
            Py_DECREF(name);
        }
        start = end + 1;
    }
    PyMem_Free(buffer);
    return out;
failed:
    PyMem_Free(buffer);
    Py_XDECREF(out);
    return NULL;
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_O, "(flags, openings, colons outside strings) of a JSON text's bytes."},
    {"keys", keys, METH_O, "How many entries the dicts in a parsed JSON value hold."},
    {"screens", (PyCFunction)(void (*)(void))screens, METH_FASTCALL,
     "(flags, openings, repeats): scan() of a str's UTF-8 and its parsed value's key check."},
    {"read", (PyCFunction)(void (*)(void))read_text, METH_FASTCALL,
     "loads_json_screens's answer for a text it answers without a question; else None."},
    {"documents", (PyCFunction)(void (*)(void))documents, METH_FASTCALL,
     "Are these JSON texts read, screened and valid? (False: ask the Python loop)."},
    {"pairs", (PyCFunction)(void (*)(void))pairs, METH_FASTCALL,
     "A query string's or form's fields as a dict (ASCII text; else None)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_jsonscan",
    .m_doc = "One-pass screens of a JSON text's bytes, and a key count of a parsed value.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__jsonscan(void)
{
    fill_classes();
    PyObject *made = PyModule_Create(&module);
    if (made == NULL) {
        return NULL;
    }
    if (PyModule_AddIntConstant(made, "LONG_DIGITS", LONG_DIGITS) < 0
        || PyModule_AddIntConstant(made, "ESCAPE", ESCAPE) < 0
        || PyModule_AddIntConstant(made, "EXPONENT", EXPONENT) < 0
        || PyModule_AddIntConstant(made, "SIXTEEN", SIXTEEN) < 0) {
        Py_DECREF(made);
        return NULL;
    }
    return made;
}
