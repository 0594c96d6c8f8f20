/* The privacy scrubber's write-back of replaced string literals into a JSON body's own text
 * (seamguard.privacy.json_text.write_back; its Python reference is json_text._splice, and
 * tests compare the two on generated documents).
 *
 * splice(text, plan) -> str | None
 *   text (no backslash) with each string literal whose content is a key of plan replaced by
 *   plan[content][0], counting plan[content][1] down; None when a count would go below zero.
 *
 * No Python code runs: only dict lookups of str keys.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *
splice(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyUnicode_CheckExact(args[0]) || !PyDict_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "splice(text: str, plan: dict)");
        return NULL;
    }
    PyObject *text = args[0], *plan = args[1];
    /* the lengths the plan's keys have, to look up only literals of one of them */
    Py_ssize_t shortest = PY_SSIZE_T_MAX, longest = 0, position = 0;
    PyObject *old, *entry;
    while (PyDict_Next(plan, &position, &old, &entry)) {
        if (!PyUnicode_CheckExact(old) || !PyList_CheckExact(entry) || PyList_GET_SIZE(entry) != 2
                || !PyUnicode_CheckExact(PyList_GET_ITEM(entry, 0))
                || !PyLong_CheckExact(PyList_GET_ITEM(entry, 1))) {
            PyErr_SetString(PyExc_TypeError, "a plan maps str to [str, int]");
            return NULL;
        }
        Py_ssize_t length = PyUnicode_GET_LENGTH(old);
        shortest = length < shortest ? length : shortest;
        longest = length > longest ? length : longest;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t size = PyUnicode_GET_LENGTH(text), last = 0, at = 0;
    PyObject *pieces = PyList_New(0);
    if (pieces == NULL) {
        return NULL;
    }
    while (at < size) {
        if (PyUnicode_READ(kind, data, at) != '"') {
            at++;
            continue;
        }
        Py_ssize_t close = at + 1;
        while (close < size && PyUnicode_READ(kind, data, close) != '"') {
            close++;
        }
        if (close >= size) {
            break;  /* an unclosed quote: no literal */
        }
        Py_ssize_t length = close - at - 1;
        if (length >= shortest && length <= longest) {
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
