/* One interaction of a vcrpy YAML cassette read into Python values, for the block subset vcrpy
 * writes. The pure-Python reference is seamguard/recordings/stream.py (_ItemReader._fast); tests
 * compare the two on generated and hostile items.
 *
 * item(text, column, max_depth, resolved, plain, key) -> value | NotImplemented
 *   text: the item's text ("- " at ``column`` on its first line, "\n" line breaks only);
 *   resolved: the first characters of a plain scalar that YAML may read as something other
 *   than text (null, booleans, numbers, "<<"): such scalars are resolved by calling
 *   ``plain(text)``, and such keys by ``key(text)``; every other plain scalar is its text.
 *   NotImplemented: the item holds something this reader does not decide on (anything the
 *   reference would hand to the YAML parser, and a few rare shapes more): the caller reads it
 *   with the reference. An exception raised by ``plain`` or ``key`` is passed on.
 *
 * Only bytes within the text's length are read; nesting is kept on a stack on the heap (at
 * most ``max_depth`` frames), so no input can overflow the C stack.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <ctype.h>
#include <string.h>

#define BLANK ((Py_ssize_t)1 << 40) /* the indent of a blank row: deeper than any */
#define MAX_KEY 256

typedef struct {
    Py_ssize_t indent, start, length;
} Row;

typedef struct {
    int mapping;
    Py_ssize_t column;
    long depth;
    PyObject *container;
    PyObject *key; /* a mapping's key whose value is being read below it */
} Frame;

typedef struct {
    const char *text;
    Row *rows;
    Py_ssize_t count, at;
    long max_depth;
    unsigned char resolved[256];
    PyObject *plain, *key;
    char *buffer;
    Py_ssize_t used, capacity;
} Reader;

static unsigned char indicators[256];
static unsigned char key_first[256], key_rest[256];
/* bytes not_plain must look at (the rest of a text is passed over by one table lookup each) */
#define SUSPECT 1
#define QUOTE 2
static unsigned char marks[256];

static void
fill_tables(void)
{
    const char *indicator_marks = "-?:,[]{}#&*!|>'\"%@`";
    for (const char *c = indicator_marks; *c; c++) {
        indicators[(unsigned char)*c] = 1;
    }
    for (int c = 0; c < 256; c++) {
        int alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        key_first[c] = (unsigned char)(alnum || c == '_');
        key_rest[c] = (unsigned char)(alnum || c == '_' || c == '.' || c == '/' || c == '-');
        if ((c < 0x20 && c != '\t') || c == 0x7f || c == 0xC2 || c == 0xEF) {
            marks[c] = SUSPECT;
        }
    }
    marks['\''] = QUOTE;
}

/* Whether the character at p[i] (i < length) is one a YAML stream may not hold raw (or one
 * the reference leaves to the parser): C0 controls but tab, DEL, C1 controls, U+FEFF, U+FFFE,
 * U+FFFF. The text is valid UTF-8 (it comes from a Python str without surrogates). */
static int
bad_at(const unsigned char *p, Py_ssize_t i, Py_ssize_t length)
{
    unsigned char c = p[i];
    if (c < 0x80) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }
    if (c == 0xC2) {
        return i + 1 < length && p[i + 1] < 0xA0;
    }
    return c == 0xEF && i + 2 < length
        && ((p[i + 1] == 0xBB && p[i + 2] == 0xBF)
            || (p[i + 1] == 0xBF && (p[i + 2] == 0xBE || p[i + 2] == 0xBF)));
}

/* Whether text[0:length] holds such a character anywhere. */
static int
not_plain(const unsigned char *p, Py_ssize_t length)
{
    for (Py_ssize_t i = 0; i < length; i++) {
        if ((marks[p[i]] & SUSPECT) && bad_at(p, i, length)) {
            return 1;
        }
    }
    return 0;
}

/* The reference's _plain_text: may ``p`` stand as one line of a block plain scalar. */
static int
plain_text(const unsigned char *p, Py_ssize_t length)
{
    if (length == 0 || p[length - 1] == ':') {
        return 0;
    }
    for (Py_ssize_t i = 0; i < length; i++) {
        unsigned char c = p[i];
        if (c == '\t' || (c == ':' && i + 1 < length && p[i + 1] == ' ')
            || (c == ' ' && i + 1 < length && p[i + 1] == '#')) {
            return 0;
        }
    }
    return !not_plain(p, length);
}

static int
starts_item(const Reader *r, Py_ssize_t at)
{
    const Row *row = &r->rows[at];
    return row->length >= 2 && r->text[row->start] == '-' && r->text[row->start + 1] == ' ';
}

static int
grow(Reader *r, Py_ssize_t more)
{
    if (r->used + more <= r->capacity) {
        return 0;
    }
    Py_ssize_t wanted = (r->used + more) * 2 + 64;
    char *bigger = PyMem_Realloc(r->buffer, (size_t)wanted);
    if (bigger == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    r->buffer = bigger;
    r->capacity = wanted;
    return 0;
}

static int
append(Reader *r, const char *p, Py_ssize_t length)
{
    if (length == 0) {
        return 0;  /* (the buffer may not be allocated yet: memcpy takes no null pointer) */
    }
    if (grow(r, length) < 0) {
        return -1;
    }
    memcpy(r->buffer + r->used, p, (size_t)length);
    r->used += length;
    return 0;
}

/* A plain scalar's value: its text, or what ``plain`` makes of it when YAML may resolve it. */
static PyObject *
resolve(Reader *r, const char *p, Py_ssize_t length)
{
    PyObject *text = PyUnicode_DecodeUTF8(p, length, NULL);
    if (text == NULL || !r->resolved[(unsigned char)p[0]]) {
        return text;
    }
    PyObject *value = PyObject_CallOneArg(r->plain, text);
    Py_DECREF(text);
    return value;
}

/* ``key: value`` (1, value at *value, -1 for none) or not a key (0); -1 on an error. */
static int
entry(Reader *r, const char *p, Py_ssize_t length, PyObject **key, Py_ssize_t *value)
{
    const unsigned char *u = (const unsigned char *)p;
    if (length == 0 || !key_first[u[0]]) {
        return 0;
    }
    Py_ssize_t i = 1;
    while (i < length && key_rest[u[i]]) {
        i++;
    }
    if (i > MAX_KEY || i >= length || p[i] != ':') {
        return 0;
    }
    if (i + 1 == length) {
        *value = -1;
    }
    else if (p[i + 1] == ' ') {
        *value = i + 2;
    }
    else {
        return 0;
    }
    PyObject *name = PyUnicode_DecodeUTF8(p, i, NULL);
    if (name != NULL && r->resolved[u[0]]) {
        PyObject *resolved = PyObject_CallOneArg(r->key, name);
        Py_DECREF(name);
        name = resolved;
    }
    if (name == NULL) {
        return -1;
    }
    *key = name;
    return 1;
}

/* The buffer without its last byte, each "''" read as "'". */
static PyObject *
unquoted(Reader *r)
{
    Py_ssize_t out = 0, end = r->used - 1;
    for (Py_ssize_t i = 0; i < end; i++, out++) {
        r->buffer[out] = r->buffer[i];
        if (r->buffer[i] == '\'' && i + 1 < end && r->buffer[i + 1] == '\'') {
            i++;
        }
    }
    return PyUnicode_DecodeUTF8(r->buffer, out, NULL);
}

/* The index of the first quote in p[0:length] not doubled, or -1. */
static Py_ssize_t
closing_quote(const char *p, Py_ssize_t length)
{
    for (Py_ssize_t i = 0; i < length; i++) {
        if (p[i] == '\'') {
            if (i + 1 < length && p[i + 1] == '\'') {
                i++;
                continue;
            }
            return i;
        }
    }
    return -1;
}

#define DEFER ((PyObject *)1) /* not decided here: the caller reads the item itself */

/* A single-quoted scalar going on over the rows indented past ``column``. */
static PyObject *
folded(Reader *r, const char *first, Py_ssize_t length, Py_ssize_t column)
{
    r->used = 0;
    if (append(r, first, length) < 0) {
        return NULL;
    }
    const char *piece = first;
    Py_ssize_t piece_length = length, blanks = 0;
    while (closing_quote(piece, piece_length) < 0) {
        if (r->at >= r->count || r->rows[r->at].indent <= column) {
            return DEFER;
        }
        const Row *row = &r->rows[r->at++];
        if (row->length == 0) {
            blanks++;
            continue;
        }
        piece = r->text + row->start;
        piece_length = row->length;
        if (not_plain((const unsigned char *)piece, piece_length)) {
            return DEFER;
        }
        if (blanks) {
            if (grow(r, blanks) < 0) {
                return NULL;
            }
            memset(r->buffer + r->used, '\n', (size_t)blanks);
            r->used += blanks;
        }
        else if (append(r, " ", 1) < 0) {
            return NULL;
        }
        if (append(r, piece, piece_length) < 0) {
            return NULL;
        }
        blanks = 0;
    }
    if (closing_quote(piece, piece_length) != piece_length - 1) {
        return DEFER;
    }
    return unquoted(r);
}

/* A scalar starting at p, on the row before ``r->at``. */
static PyObject *
scalar(Reader *r, const char *p, Py_ssize_t length, Py_ssize_t column)
{
    const unsigned char *u = (const unsigned char *)p;
    int single_line = r->at >= r->count || r->rows[r->at].indent <= column;
    if (length == 0) {
        return DEFER;
    }
    if (p[0] == '\'') {
        /* one pass: characters not allowed, the first quote not doubled, any doubled one */
        Py_ssize_t close = -1;
        int doubled = 0;
        for (Py_ssize_t i = 1; i < length; i++) {
            unsigned char mark = marks[u[i]];
            if (!mark) {
                continue;
            }
            if (mark == QUOTE && close < 0) {
                if (i + 1 < length && p[i + 1] == '\'') {
                    doubled = 1;
                    i++;
                }
                else {
                    close = i - 1;
                }
            }
            else if (mark == SUSPECT && bad_at(u, i, length)) {
                return DEFER;
            }
        }
        if (close >= 0 && close == length - 2 && !doubled) {
            return PyUnicode_DecodeUTF8(p + 1, length - 2, NULL);
        }
        if (close >= 0 && close == length - 2) {
            r->used = 0;
            if (append(r, p + 1, length - 1) < 0) {
                return NULL;
            }
            return unquoted(r);
        }
        if (close >= 0) {
            return DEFER;
        }
        return folded(r, p + 1, length - 1, column);
    }
    if (p[0] == '"') {
        if (length < 2 || p[length - 1] != '"' || not_plain(u + 1, length - 2)) {
            return DEFER;
        }
        for (Py_ssize_t i = 1; i < length - 1; i++) {
            if (p[i] == '"' || p[i] == '\\') {
                return DEFER;
            }
        }
        return PyUnicode_DecodeUTF8(p + 1, length - 2, NULL);
    }
    if (p[0] == ' ' || (indicators[u[0]]
                        && !(p[0] == '-' && length > 1 && u[1] < 0x80 && isalnum(u[1])))) {
        return DEFER;  /* (a letter beyond ASCII after "-" is left to the reference) */
    }
    if (!plain_text(u, length)) {
        return DEFER;
    }
    if (single_line) {
        return resolve(r, p, length);
    }
    r->used = 0;
    if (append(r, p, length) < 0) {
        return NULL;
    }
    while (r->at < r->count && r->rows[r->at].indent > column) {
        const Row *row = &r->rows[r->at];
        const unsigned char *piece = (const unsigned char *)r->text + row->start;
        if (row->length == 0 || indicators[piece[0]] || !plain_text(piece, row->length)) {
            return DEFER;
        }
        if (append(r, " ", 1) < 0 || append(r, (const char *)piece, row->length) < 0) {
            return NULL;
        }
        r->at++;
    }
    return resolve(r, r->buffer, r->used);
}

static int
push(Frame *stack, Py_ssize_t *depth_used, Reader *r, int mapping, Py_ssize_t column,
     long depth)
{
    if (depth > r->max_depth) {
        return 0;
    }
    PyObject *container = mapping ? PyDict_New() : PyList_New(0);
    if (container == NULL) {
        return -1;
    }
    Frame *frame = &stack[(*depth_used)++];
    frame->mapping = mapping;
    frame->column = column;
    frame->depth = depth;
    frame->container = container;
    frame->key = NULL;
    return 1;
}

/* Attaches ``value`` (a new reference, consumed) to the frame's container. */
static int
attach(Frame *frame, PyObject *value)
{
    int failed;
    if (frame->mapping) {
        failed = PyDict_SetItem(frame->container, frame->key, value);
        Py_CLEAR(frame->key);
    }
    else {
        failed = PyList_Append(frame->container, value);
    }
    Py_DECREF(value);
    return failed;
}

/* The reference's _sequence(column, 2), without recursion; DEFER or NULL (error) else. */
static PyObject *
read_item(Reader *r, Py_ssize_t column)
{
    /* a frame opens at a deeper level (at most max_depth) and on a row of its own, but for
     * the mapping on an item's line */
    Py_ssize_t frames = 2 * r->count + 2;
    Py_ssize_t capacity = (r->max_depth < frames ? (Py_ssize_t)r->max_depth : frames) + 3;
    Py_ssize_t used = 0;
    Frame *stack = PyMem_Malloc(sizeof(Frame) * (size_t)capacity);
    PyObject *result = DEFER;
    if (stack == NULL) {
        return PyErr_NoMemory();
    }
    int pushed = push(stack, &used, r, 0, column, 2);
    if (pushed <= 0) {
        result = pushed < 0 ? NULL : DEFER;
        goto done;
    }
    for (;;) {
        Frame *frame = &stack[used - 1];
        Py_ssize_t at = r->at;
        const Row *row = at < r->count ? &r->rows[at] : NULL;
        PyObject *key = NULL, *value;
        Py_ssize_t rest;
        if (!frame->mapping) {
            if (row == NULL || row->indent != frame->column || !starts_item(r, at)) {
                goto close;
            }
            const char *item = r->text + row->start + 2;
            Py_ssize_t length = row->length - 2;
            if (length == 0 || item[0] == ' ' || item[0] == '-') {
                goto done;
            }
            int found = entry(r, item, length, &key, &rest);
            if (found < 0) {
                result = NULL;
                goto done;
            }
            if (found) {  /* "- key: ...": a mapping on the item's line */
                Py_DECREF(key);
                r->rows[at].indent = frame->column + 2;
                r->rows[at].start += 2;
                r->rows[at].length -= 2;
                pushed = push(stack, &used, r, 1, frame->column + 2, frame->depth + 1);
                if (pushed <= 0) {
                    result = pushed < 0 ? NULL : DEFER;
                    goto done;
                }
                continue;
            }
            r->at++;
            value = scalar(r, item, length, frame->column);
        }
        else {
            if (row == NULL || row->indent < frame->column) {
                goto close;
            }
            if (row->indent != frame->column) {
                goto done;
            }
            int found = entry(r, r->text + row->start, row->length, &key, &rest);
            if (found <= 0) {
                result = found < 0 ? NULL : DEFER;
                goto done;
            }
            int seen = PyDict_Contains(frame->container, key);
            if (seen) {
                Py_DECREF(key);
                result = seen < 0 ? NULL : DEFER;
                goto done;
            }
            frame->key = key;
            r->at++;
            if (rest < 0) {  /* "key:": the value is on the rows below, or null */
                if (r->at < r->count) {
                    const Row *below = &r->rows[r->at];
                    int item_below = starts_item(r, r->at);
                    if (below->indent > frame->column
                        || (below->indent == frame->column && item_below)) {
                        pushed = push(stack, &used, r, !item_below, below->indent,
                                      frame->depth + 1);
                        if (pushed <= 0) {
                            result = pushed < 0 ? NULL : DEFER;
                            goto done;
                        }
                        continue;
                    }
                }
                Py_INCREF(Py_None);
                value = Py_None;
            }
            else {
                value = scalar(r, r->text + row->start + rest, row->length - rest,
                               frame->column);
            }
        }
        if (value == NULL || value == DEFER) {
            result = value;
            goto done;
        }
        if (r->at < r->count && r->rows[r->at].indent > frame->column) {
            Py_DECREF(value);  /* a scalar continued on the next row */
            goto done;
        }
        if (attach(frame, value) < 0) {
            result = NULL;
            goto done;
        }
        continue;
    close:
        value = frame->container;
        frame->container = NULL;
        used--;
        if (used == 0) {
            if (PyList_GET_SIZE(value) == 1 && r->at == r->count) {
                result = PyList_GET_ITEM(value, 0);
                Py_INCREF(result);
            }
            Py_DECREF(value);
            goto done;
        }
        if (attach(&stack[used - 1], value) < 0) {
            result = NULL;
            goto done;
        }
    }
done:
    while (used > 0) {
        used--;
        Py_XDECREF(stack[used].container);
        Py_XDECREF(stack[used].key);
    }
    PyMem_Free(stack);
    return result;
}

static PyObject *
item(PyObject *Py_UNUSED(module), PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6 || !PyUnicode_Check(args[0]) || !PyLong_Check(args[1])
        || !PyLong_Check(args[2]) || !PyUnicode_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "item() takes (text: str, column: int, max_depth: int, "
                                         "resolved: str, plain, key)");
        return NULL;
    }
    Reader r;
    memset(&r, 0, sizeof r);
    Py_ssize_t size, marks;
    r.text = PyUnicode_AsUTF8AndSize(args[0], &size);
    Py_ssize_t column = PyLong_AsSsize_t(args[1]);
    r.max_depth = PyLong_AsLong(args[2]);
    const char *resolved = PyUnicode_AsUTF8AndSize(args[3], &marks);
    if (r.text == NULL || resolved == NULL || PyErr_Occurred()) {
        return NULL;
    }
    if (column < 0 || column >= BLANK || r.max_depth < 2) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    for (Py_ssize_t i = 0; i < marks; i++) {
        r.resolved[(unsigned char)resolved[i]] = 1;
    }
    r.plain = args[4];
    r.key = args[5];
    Py_ssize_t lines = 1;
    for (Py_ssize_t i = 0; i < size; i++) {
        lines += r.text[i] == '\n';
    }
    r.rows = PyMem_Malloc(sizeof(Row) * (size_t)lines);
    if (r.rows == NULL) {
        return PyErr_NoMemory();
    }
    PyObject *result = DEFER;
    Py_ssize_t start = 0;
    while (start < size) {  /* rows: indent and body of each line (a last "" is no line) */
        const char *end = memchr(r.text + start, '\n', (size_t)(size - start));
        Py_ssize_t stop = end ? end - r.text : size, body = start;
        while (body < stop && r.text[body] == ' ') {
            body++;
        }
        Row *row = &r.rows[r.count++];
        if (body == stop) {
            row->indent = BLANK;
            row->start = body;
            row->length = 0;
        }
        else {
            if (r.text[body] == '\t' || r.text[stop - 1] == ' ' || r.text[stop - 1] == '\t') {
                goto done;
            }
            row->indent = body - start;
            row->start = body;
            row->length = stop - body;
        }
        start = stop + 1;
    }
    result = read_item(&r, column);
done:
    PyMem_Free(r.rows);
    PyMem_Free(r.buffer);
    if (result == DEFER) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    return result;
}

static PyMethodDef methods[] = {
    {"item", (PyCFunction)(void (*)(void))item, METH_FASTCALL,
     "One cassette interaction's text read into Python values (NotImplemented: undecided)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_cassread",
    .m_doc = "A reader for the block YAML subset of vcrpy's cassette items.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__cassread(void)
{
    fill_tables();
    return PyModule_Create(&module);
}
