/* The privacy scrubber's write-back of replaced string literals into a JSON body's own text
 * (seamguard.privacy.json_text.write_back; its Python reference is json_text._splice, and
 * tests compare the two on generated documents).
 *
 * splice(text, plan) -> str | None
 *   text (no backslash) with each string literal whose content is a key of plan replaced by
 *   plan[content][0], counting plan[content][1] down; None when a count would go below zero.
 *   A literal is built as a str and looked up only when its length, first and last characters
 *   (by their low byte) are those of some key of plan; quotes are found with memchr in a
 *   one-byte text.
 *
 * No Python code runs: only dict lookups of str keys.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* What the plan's keys look like, to build a literal's str and look it up only when its
 * length, first and last characters are those of some key (a necessary condition: the lookup
 * itself decides). */
#define SHORT_KEYS 1024
typedef struct {
    unsigned char lengths[SHORT_KEYS / 8];  /* lengths below SHORT_KEYS */
    unsigned char firsts[32], lasts[32];    /* first and last characters, by their low byte */
    int long_keys, empty_key;
} Shapes;

#define BIT_SET(bits, n) ((bits)[(n) >> 3] |= (unsigned char)(1u << ((n) & 7)))
#define BIT_GET(bits, n) ((bits)[(n) >> 3] & (1u << ((n) & 7)))

static void
note_shape(Shapes *shapes, PyObject *key)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(key);
    if (length == 0) {
        shapes->empty_key = 1;
        return;
    }
    if (length < SHORT_KEYS) {
        BIT_SET(shapes->lengths, length);
    }
    else {
        shapes->long_keys = 1;
    }
    BIT_SET(shapes->firsts, PyUnicode_READ_CHAR(key, 0) & 0xff);
    BIT_SET(shapes->lasts, PyUnicode_READ_CHAR(key, length - 1) & 0xff);
}

static int
may_be_key(const Shapes *shapes, int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t length = end - start;
    if (length == 0) {
        return shapes->empty_key;
    }
    if (length < SHORT_KEYS ? !BIT_GET(shapes->lengths, length) : !shapes->long_keys) {
        return 0;
    }
    return BIT_GET(shapes->firsts, PyUnicode_READ(kind, data, start) & 0xff)
        && BIT_GET(shapes->lasts, PyUnicode_READ(kind, data, end - 1) & 0xff);
}

/* The index of the next `"` at or after `from`, or `size`. */
static Py_ssize_t
next_quote(int kind, const void *data, Py_ssize_t from, Py_ssize_t size)
{
    if (from >= size) {
        return size;
    }
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *bytes = (const Py_UCS1 *)data;
        const Py_UCS1 *found = memchr(bytes + from, '"', (size_t)(size - from));
        return found == NULL ? size : found - bytes;
    }
    if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *units = (const Py_UCS2 *)data;
        while (from < size && units[from] != '"') {
            from++;
        }
        return from;
    }
    const Py_UCS4 *points = (const Py_UCS4 *)data;
    while (from < size && points[from] != '"') {
        from++;
    }
    return from;
}

static PyObject *
splice(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_CheckExact(args[0]) || !PyDict_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "splice(text: str, plan: dict)");
        return NULL;
    }
    PyObject *text = args[0], *plan = args[1];
    Shapes shapes;
    memset(&shapes, 0, sizeof shapes);
    Py_ssize_t position = 0;
    PyObject *old, *entry;
    while (PyDict_Next(plan, &position, &old, &entry)) {
        if (!PyUnicode_CheckExact(old) || !PyList_CheckExact(entry) || PyList_GET_SIZE(entry) != 2
                || !PyUnicode_CheckExact(PyList_GET_ITEM(entry, 0))
                || !PyLong_CheckExact(PyList_GET_ITEM(entry, 1))) {
            PyErr_SetString(PyExc_TypeError, "a plan maps str to [str, int]");
            return NULL;
        }
        note_shape(&shapes, old);
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t size = PyUnicode_GET_LENGTH(text), last = 0, at = 0;
    PyObject *pieces = PyList_New(0);
    if (pieces == NULL) {
        return NULL;
    }
    while (at < size) {
        at = next_quote(kind, data, at, size);
        if (at >= size) {
            break;
        }
        Py_ssize_t close = next_quote(kind, data, at + 1, size);
        if (close >= size) {
            break;  /* an unclosed quote: no literal */
        }
        if (may_be_key(&shapes, kind, data, at + 1, close)) {
            PyObject *content = PyUnicode_Substring(text, at + 1, close);
            if (content == NULL) {
                goto failed;
            }
            entry = PyDict_GetItemWithError(plan, content);
            Py_DECREF(content);
            if (entry == NULL && PyErr_Occurred()) {
                goto failed;
            }
            if (entry != NULL) {
                Py_ssize_t left = PyLong_AsSsize_t(PyList_GET_ITEM(entry, 1));
                if (left == -1 && PyErr_Occurred()) {
                    goto failed;
                }
                if (left <= 0) {
                    Py_DECREF(pieces);
                    Py_RETURN_NONE;  /* more occurrences than the walk replaced */
                }
                PyObject *count = PyLong_FromSsize_t(left - 1);
                if (count == NULL) {
                    goto failed;
                }
                PyList_SetItem(entry, 1, count);
                PyObject *before = PyUnicode_Substring(text, last, at);
                if (before == NULL || PyList_Append(pieces, before)
                        || PyList_Append(pieces, PyList_GET_ITEM(entry, 0))) {
                    Py_XDECREF(before);
                    goto failed;
                }
                Py_DECREF(before);
                last = close + 1;
            }
        }
        at = close + 1;
    }
    PyObject *rest = PyUnicode_Substring(text, last, size);
    if (rest == NULL || PyList_Append(pieces, rest)) {
        Py_XDECREF(rest);
        goto failed;
    }
    Py_DECREF(rest);
    PyObject *empty = PyUnicode_FromStringAndSize("", 0);
    if (empty == NULL) {
        goto failed;
    }
    PyObject *joined = PyUnicode_Join(empty, pieces);
    Py_DECREF(empty);
    Py_DECREF(pieces);
    return joined;
failed:
    Py_DECREF(pieces);
    return NULL;
}

static PyMethodDef methods[] = {
    {"splice", (PyCFunction)(void (*)(void))splice, METH_FASTCALL,
     "A JSON text (no backslash) with planned string literals replaced."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_privsplice",
    .m_doc = "The privacy scrubber's write-back of replaced string literals.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__privsplice(void)
{
    return PyModule_Create(&module);
}
