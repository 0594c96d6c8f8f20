/* One pass over a JSON text's UTF-8 bytes for what seamguard.document_json screens for, and a
 * count of the keys in a parsed value. The pure-Python reference is
 * seamguard/document_scan.py (scan_reference, keys_reference); tests compare the two on
 * generated and hostile bytes.
 *
 * scan(data: bytes) -> (flags, openings, colons)
 *   flags: LONG_DIGITS (a run of 19 or more ASCII digits), ESCAPE (a backslash followed by
 *   "u"), EXPONENT (a digit followed by "e" or "E"), SIXTEEN (16 or more digits followed by
 *   "."), all over every byte, inside strings or not;
 *   openings: how many bytes are "[" or "{";
 *   colons: how many ":" lie outside strings (a string opens and closes at an unescaped '"').
 * keys(value) -> int
 *   how many entries the dicts in value hold, at any depth (lists and dicts are walked).
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

static PyObject *
scan(PyObject *Py_UNUSED(module), PyObject *arg)
{
    if (!PyBytes_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "scan() takes bytes, not %.100s", Py_TYPE(arg)->tp_name);
        return NULL;
    }
    const unsigned char *data = (const unsigned char *)PyBytes_AS_STRING(arg);
    const Py_ssize_t size = PyBytes_GET_SIZE(arg);
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
    return Py_BuildValue("(lnn)", flags, openings, colons);
}

static PyObject *
keys(PyObject *Py_UNUSED(module), PyObject *value)
{
    /* Borrowed references only: nothing here runs Python code or changes a container. */
    Py_ssize_t capacity = 64, depth = 0, count = 0;
    PyObject **stack = PyMem_New(PyObject *, (size_t)capacity);
    if (stack == NULL) {
        return PyErr_NoMemory();
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
            return PyErr_NoMemory();
        }
        if (depth + size > capacity) {
            Py_ssize_t wanted = capacity;
            while (wanted < depth + size) {
                if (wanted > PY_SSIZE_T_MAX / 2 / (Py_ssize_t)sizeof(PyObject *)) {
                    PyMem_Free(stack);
                    return PyErr_NoMemory();
                }
                wanted *= 2;
            }
            PyObject **grown = PyMem_Resize(stack, PyObject *, (size_t)wanted);
            if (grown == NULL) {
                PyMem_Free(stack);
                return PyErr_NoMemory();
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
    return PyLong_FromSsize_t(count);
}

static PyMethodDef methods[] = {
    {"scan", scan, METH_O, "(flags, openings, colons outside strings) of a JSON text's bytes."},
    {"keys", keys, METH_O, "How many entries the dicts in a parsed JSON value hold."},
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
