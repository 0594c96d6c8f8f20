/* The traffic scrubber's loop over one message's headers (seamguard.privacy.http's
 * TrafficScrubber.headers; its Python loop is the reference, and tests compare the two on
 * generated headers).
 *
 * headers(headers, seen, header) -> dict | None
 *   None, before anything else is done, when the loop needs Python: headers is not a dict, a
 *   name is not a str, a value is a subclass of list or tuple, or a value (the first item of a list or a tuple) is a str with a `%` or
 *   a non-ASCII character, so that a custom header may hold a Chinese name read with its
 *   siblings. Otherwise a new dict of the same names in the same order: None stays None, a
 *   list or a tuple becomes a list of its items scrubbed, any other value is scrubbed as
 *   str(value). A value is scrubbed as it was kept when seen[("header", name, text)] is a
 *   result with no hits (a pair whose second item is false), and by header(name, text)
 *   otherwise, called in the loop's order so its hits are emitted as the Python loop's are.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *HEADER;  /* "header", the first item of a remembered header's key */

/* 1 when a str may carry a Chinese character (a `%` escape or a non-ASCII character). */
static int
may_carry_cjk(PyObject *text)
{
    if (!PyUnicode_IS_ASCII(text)) {
        return 1;
    }
    const Py_UCS1 *data = PyUnicode_1BYTE_DATA(text);
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    return memchr(data, '%', (size_t)size) != NULL;
}

/* 1 when the Python loop must run: see the module comment. */
static int
needs_python(PyObject *headers)
{
    Py_ssize_t position = 0;
    PyObject *name, *value;
    while (PyDict_Next(headers, &position, &name, &value)) {
        if (!PyUnicode_Check(name)) {
            return 1;
        }
        PyObject *first = value;
        if (PyList_Check(value) || PyTuple_Check(value)) {
            if (!PyList_CheckExact(value) && !PyTuple_CheckExact(value)) {
                return 1;  /* (a subclass may read its items its own way) */
            }
            if (Py_SIZE(value) > 0) {
                first = PyList_Check(value) ? PyList_GET_ITEM(value, 0)
                                            : PyTuple_GET_ITEM(value, 0);
            }
        }
        if (PyUnicode_Check(first) && PyUnicode_GET_LENGTH(first) > 0 && may_carry_cjk(first)) {
            return 1;
        }
    }
    return 0;
}

/* One value scrubbed (a new reference), or NULL with an error set. */
static PyObject *
scrub_one(PyObject *name, PyObject *item, PyObject *seen, PyObject *header)
{
    if (item == Py_None) {
        return Py_NewRef(Py_None);
    }
    PyObject *text = PyObject_Str(item);
    if (text == NULL) {
        return NULL;
    }
    PyObject *key = PyTuple_Pack(3, HEADER, name, text);
    if (key == NULL) {
        Py_DECREF(text);
        return NULL;
    }
    PyObject *known = PyDict_GetItemWithError(seen, key);  /* borrowed */
    Py_DECREF(key);
    if (known == NULL && PyErr_Occurred()) {
        Py_DECREF(text);
        return NULL;
    }
    if (known != NULL) {
        Py_INCREF(known);  /* (header() may change seen) */
        PyObject *hits = PySequence_GetItem(known, 1);
        int found = hits == NULL ? -1 : PyObject_IsTrue(hits);
        Py_XDECREF(hits);
        if (found < 0) {
            Py_DECREF(known);
            Py_DECREF(text);
            return NULL;
        }
        if (!found) {
            PyObject *result = PySequence_GetItem(known, 0);
            Py_DECREF(known);
            Py_DECREF(text);
            return result;
        }
        Py_DECREF(known);
    }
    PyObject *result = PyObject_CallFunctionObjArgs(header, name, text, NULL);
    Py_DECREF(text);
    return result;
}

static PyObject *
headers(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyDict_Check(args[1]) || !PyCallable_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "headers(headers, seen: dict, header: callable)");
        return NULL;
    }
    PyObject *source = args[0], *seen = args[1], *header = args[2];
    if (!PyDict_CheckExact(source) || needs_python(source)) {
        Py_RETURN_NONE;
    }
    /* the items first: a header() call may not change the dict being walked */
    PyObject *items = PyDict_Items(source);
    if (items == NULL) {
        return NULL;
    }
    PyObject *result = PyDict_New();
    if (result == NULL) {
        Py_DECREF(items);
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(items);
    for (Py_ssize_t index = 0; index < count; index++) {
        PyObject *pair = PyList_GET_ITEM(items, index);
        PyObject *name = PyTuple_GET_ITEM(pair, 0), *value = PyTuple_GET_ITEM(pair, 1);
        PyObject *scrubbed;
        if (PyList_Check(value) || PyTuple_Check(value)) {
            /* (a snapshot of the items, as the Python loop's iteration would read them) */
            PyObject *values = PySequence_List(value);
            if (values == NULL) {
                goto failed;
            }
            Py_ssize_t size = PyList_GET_SIZE(values);
            scrubbed = PyList_New(size);
            if (scrubbed == NULL) {
                Py_DECREF(values);
                goto failed;
            }
            for (Py_ssize_t at = 0; at < size; at++) {
                PyObject *one = scrub_one(name, PyList_GET_ITEM(values, at), seen, header);
                if (one == NULL) {
                    Py_DECREF(values);
                    Py_DECREF(scrubbed);
                    goto failed;
                }
                PyList_SET_ITEM(scrubbed, at, one);
            }
            Py_DECREF(values);
        }
        else {
            scrubbed = scrub_one(name, value, seen, header);
            if (scrubbed == NULL) {
                goto failed;
            }
        }
        int stored = PyDict_SetItem(result, name, scrubbed);
        Py_DECREF(scrubbed);
        if (stored < 0) {
            goto failed;
        }
    }
    Py_DECREF(items);
    return result;

failed:
    Py_DECREF(items);
    Py_DECREF(result);
    return NULL;
}

static PyMethodDef methods[] = {
    {"headers", (PyCFunction)(void (*)(void))headers, METH_FASTCALL,
     "One message's headers scrubbed, or None when the Python loop must run."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "seamguard._privheaders",
    "The traffic scrubber's header loop (see seamguard.privacy.http).", -1, methods,
};

PyMODINIT_FUNC
PyInit__privheaders(void)
{
    HEADER = PyUnicode_InternFromString("header");
    if (HEADER == NULL) {
        return NULL;
    }
    return PyModule_Create(&module);
}
