/* The privacy scrubber's JSON walk over the values nothing can change (its write-back of
 * replaced string literals is seamguard._privsplice). The Python loops of
 * seamguard/privacy/scrubber.py are the reference; tests compare the two on generated, recorded
 * and hostile input.
 *
 * settle(node, context, plans, nothing, tables, edits, sink[, pointer]) -> (literals, exact,
 *        deferred)
 *   Walks a parsed JSON document (dicts, lists and scalars as orjson or json build them) the
 *   way seamguard.privacy.scrubber's plain loops do, and does their work for what needs no
 *   Python: a string whose cache (the context's) holds `nothing` for it, an empty string or one
 *   under a key declared harmless, a bool or null, an int the context's flags say cannot
 *   matter, a float of ordinary size; a string the cache holds as (result, hits) has its hits
 *   appended to sink and, when result differs, (container, slot, value, result) to edits (when
 *   sink is None it is deferred: hits would be counted, not collected). Every other value is
 *   deferred: appended, in walk order, as (container, slot, value, context) for the Python
 *   loop body to handle exactly as before; with a pointer (a str: node's JSON pointer), as
 *   (container, slot, value, context, the value's pointer), so that a scan's hits name their
 *   place (then sink is None: no hit is taken from a cache). A dict is descended into when `plans` holds a
 *   settled plan for its keys (a tuple of per-key contexts and the indexes of keys whose value
 *   may be a name by its company) and none of those values starts like a Chinese name; a list
 *   when it cannot be a row of a record (flags) and no table is pending (`tables` is empty).
 *   node is a dict (context: its plan) or a list (context: its items' context).
 *   A context is (info, cache, flags, escaped key).
 *   literals: string literals seen (keys and string values, deferred ones included);
 *   exact: a float met that needs its spelling (see FLOAT_EXACT) or is 2**63 or more.
 * may_name(dict, plan, nothing) -> bool
 *   False when RecordScrubber._bare_names finds no name in dict (no value under a bare-name key
 *   may be a Chinese or a Latin name, or no sibling may say the dict describes a person).
 *
 * The walk keeps its own stack on the heap and charges Python's recursion limit per level as
 * the Python walk's frames would, so a deep document fails the same way (RecursionError). No
 * Python code runs during these functions: only dict lookups of str and tuple-of-str keys.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* context flags, computed from a key's meaning (seamguard/privacy/json_settle.py) */
#define INT_ALWAYS 1   /* any int under the key may be replaced */
#define INT_BIG 2      /* a positive int of 1,000,000 or more may be */
#define FLOAT_EXACT 4  /* a float's spelling matters */
#define WRAPS 8        /* {"value": "…"} under the key is read as its string */
#define ROWS 16        /* a list of 2 to 64 items with a string may be a record's row */
#define PERSON 32      /* the key names a contact kind: a name beside it is a person's */
#define CONTACT 64     /* the value is read for a contact when a name may sit beside it */
#define DEFER 128      /* the value is handed back whatever it is */
#define ALLOWED 256    /* the key is declared harmless: its strings are left as they are */
#define PLAIN_FIRST 512 /* strings are screened before the cache is read: no remembered edits */
#define HOLDER 1024    /* the key names a person: an object under it is read in Python */

typedef struct {
    PyObject *container;       /* borrowed: held by the document */
    PyObject *plan;            /* dict: tuple of contexts; list: NULL */
    PyObject *context;         /* list: the items' context */
    Py_ssize_t position;       /* PyDict_Next position, or list index */
    Py_ssize_t entry;          /* dict: index of the next entry */
    int charged;               /* recursion levels charged for this frame */
    PyObject *path;            /* its JSON pointer (owned), when pointers are built */
} Frame;

typedef struct {
    Frame *frames;
    Py_ssize_t size, used;
} Stack;

static int
push(Stack *stack, PyObject *container, PyObject *plan, PyObject *context, int charge,
     PyObject *path)
{
    /* path: stolen (NULL when no pointers are built) */
    for (int i = 0; i < charge; i++) {
        if (Py_EnterRecursiveCall(" while walking a JSON document")) {
            for (int j = 0; j < i; j++) {
                Py_LeaveRecursiveCall();
            }
            Py_XDECREF(path);
            return -1;
        }
    }
    if (stack->used == stack->size) {
        Py_ssize_t size = stack->size ? stack->size * 2 : 32;
        Frame *grown = PyMem_Realloc(stack->frames, (size_t)size * sizeof(Frame));
        if (grown == NULL) {
            for (int i = 0; i < charge; i++) {
                Py_LeaveRecursiveCall();
            }
            Py_XDECREF(path);
            PyErr_NoMemory();
            return -1;
        }
        stack->frames = grown;
        stack->size = size;
    }
    Frame *frame = &stack->frames[stack->used++];
    frame->container = container;
    frame->plan = plan;
    frame->context = context;
    frame->position = 0;
    frame->entry = 0;
    frame->charged = charge;
    frame->path = path;
    return 0;
}

static void
pop(Stack *stack)
{
    Frame *frame = &stack->frames[--stack->used];
    for (int i = 0; i < frame->charged; i++) {
        Py_LeaveRecursiveCall();
    }
    Py_CLEAR(frame->path);
}

static long
flags_of(PyObject *context)
{
    PyObject *flags = PyTuple_GET_ITEM(context, 2);
    return PyLong_AsLong(flags);
}

static int
valid_context(PyObject *context)
{
    return PyTuple_CheckExact(context) && PyTuple_GET_SIZE(context) == 4
        && PyDict_CheckExact(PyTuple_GET_ITEM(context, 1))
        && PyLong_CheckExact(PyTuple_GET_ITEM(context, 2));
}

/* The settled plan of a dict's keys, or NULL (borrowed; no error set when there is none). */
static PyObject *
plan_of(PyObject *dict, PyObject *plans)
{
    Py_ssize_t size = PyDict_GET_SIZE(dict), position = 0, index = 0;
    PyObject *key, *value;
    PyObject *keys = PyTuple_New(size);
    if (keys == NULL) {
        return NULL;
    }
    while (PyDict_Next(dict, &position, &key, &value)) {
        if (!PyUnicode_CheckExact(key) || index >= size) {
            Py_DECREF(keys);
            return NULL;
        }
        Py_INCREF(key);
        PyTuple_SET_ITEM(keys, index++, key);
    }
    PyObject *plan = PyDict_GetItemWithError(plans, keys);
    Py_DECREF(keys);
    if (plan == NULL) {
        return NULL;
    }
    if (!PyTuple_CheckExact(plan) || PyTuple_GET_SIZE(plan) != 2
            || !PyTuple_CheckExact(PyTuple_GET_ITEM(plan, 0))
            || PyTuple_GET_SIZE(PyTuple_GET_ITEM(plan, 0)) != size
            || !PyTuple_CheckExact(PyTuple_GET_ITEM(plan, 1))) {
        return NULL;
    }
    PyObject *contexts = PyTuple_GET_ITEM(plan, 0);
    for (Py_ssize_t i = 0; i < size; i++) {
        if (!valid_context(PyTuple_GET_ITEM(contexts, i))) {
            return NULL;
        }
    }
    return plan;
}

#include "_privscreen_names.h"

static int
may_be_row(PyObject *list, long flags)
{
    Py_ssize_t size = PyList_GET_SIZE(list);
    if (!(flags & ROWS) || size < 2 || size > 64) {
        return 0;
    }
    for (Py_ssize_t i = 0; i < size; i++) {
        if (PyUnicode_CheckExact(PyList_GET_ITEM(list, i))) {
            return 1;
        }
    }
    return 0;
}

static int
is_wrapped(PyObject *dict)
{
    if (PyDict_GET_SIZE(dict) != 1) {
        return 0;
    }
    PyObject *inner = PyDict_GetItemString(dict, "value");
    return inner != NULL && PyUnicode_CheckExact(inner);
}

/* A "value" string beside other members (a property's history entry, a widget's value with
 * its flags): the key holding the dict names it (records.valued_by_holder), so the dict is
 * handed back. */
static int
is_valued(PyObject *dict)
{
    if (PyDict_GET_SIZE(dict) < 2) {
        return 0;
    }
    PyObject *inner = PyDict_GetItemString(dict, "value");
    return inner != NULL && PyUnicode_CheckExact(inner);
}

/* The JSON pointer of a container's value: the key's token (a dict's, in its context) or
 * the index (a list's) after the container's own pointer; NULL when none is built. */
static PyObject *
child_path(PyObject *path, PyObject *key, Py_ssize_t index, PyObject *context)
{
    if (path == NULL) {
        return NULL;
    }
    if (key == NULL) {
        return PyUnicode_FromFormat("%U/%zd", path, index);
    }
    PyObject *token = PyTuple_GET_ITEM(context, 3);
    if (!PyUnicode_CheckExact(token)) {
        PyErr_SetString(PyExc_TypeError, "a context's key token is a str");
        return NULL;
    }
    return PyUnicode_FromFormat("%U/%U", path, token);
}

static int
defer(PyObject *deferred, PyObject *container, PyObject *slot, PyObject *value,
      PyObject *context, PyObject *path, PyObject *key, Py_ssize_t index)
{
    PyObject *item;
    if (path == NULL) {
        item = PyTuple_Pack(4, container, slot, value, context);
    }
    else {
        PyObject *pointer = child_path(path, key, index, context);
        if (pointer == NULL) {
            return -1;
        }
        item = PyTuple_Pack(5, container, slot, value, context, pointer);
        Py_DECREF(pointer);
    }
    if (item == NULL) {
        return -1;
    }
    int failed = PyList_Append(deferred, item);
    Py_DECREF(item);
    return failed;
}

/* One value under `context`, held by `container` at `slot` (a str key, or an index to box).
 * Returns 0 when handled, 1 when a container was pushed, -1 on error. */
static int
visit(Stack *stack, PyObject *container, PyObject *key, Py_ssize_t index, PyObject *value,
      PyObject *context, PyObject *plans, PyObject *nothing, PyObject *tables,
      PyObject *edits, PyObject *sink, PyObject *deferred, Py_ssize_t *literals, int *exact,
      PyObject *path)
{
    long flags = flags_of(context);
    if (flags == -1 && PyErr_Occurred()) {
        return -1;
    }
    int later = 0;
    if (flags & DEFER) {
        *literals += PyUnicode_CheckExact(value);
        later = 1;
    }
    else if (PyUnicode_CheckExact(value)) {
        *literals += 1;
        if (PyUnicode_GET_LENGTH(value) == 0 || (flags & ALLOWED)) {
            return 0;  /* left as it is, whatever the key */
        }
        PyObject *cached = PyDict_GetItemWithError(PyTuple_GET_ITEM(context, 1), value);
        if (cached == NULL && PyErr_Occurred()) {
            return -1;
        }
        if (cached == nothing) {
            return 0;
        }
        if (cached != NULL && sink != Py_None && !(flags & PLAIN_FIRST) && PyTuple_CheckExact(cached)
                && PyTuple_GET_SIZE(cached) == 2
                && PyUnicode_CheckExact(PyTuple_GET_ITEM(cached, 0))
                && PyTuple_CheckExact(PyTuple_GET_ITEM(cached, 1))) {
            /* remembered with a replacement: its hits and its edit, as the Python loop makes */
            PyObject *result = PyTuple_GET_ITEM(cached, 0);
            PyObject *hits = PyTuple_GET_ITEM(cached, 1);
            for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(hits); i++) {
                if (PyList_Append(sink, PyTuple_GET_ITEM(hits, i))) {
                    return -1;
                }
            }
            int same = PyUnicode_Compare(result, value);
            if (same == -1 && PyErr_Occurred()) {
                return -1;
            }
            if (same == 0) {
                return 0;
            }
            PyObject *slot = key;
            if (slot == NULL) {
                slot = PyLong_FromSsize_t(index);
                if (slot == NULL) {
                    return -1;
                }
            }
            else {
                Py_INCREF(slot);
            }
            PyObject *edit = PyTuple_Pack(4, container, slot, value, result);
            Py_DECREF(slot);
            if (edit == NULL) {
                return -1;
            }
            int failed = PyList_Append(edits, edit);
            Py_DECREF(edit);
            return failed;
        }
        later = 1;
    }
    else if (value == Py_None || PyBool_Check(value)) {
        return 0;
    }
    else if (PyLong_CheckExact(value)) {
        if (flags & INT_ALWAYS) {
            later = 1;
        }
        else {
            int overflow = 0;
            long long number = PyLong_AsLongLongAndOverflow(value, &overflow);
            if (number == -1 && PyErr_Occurred()) {
                return -1;
            }
            later = overflow < 0 || (overflow == 0 && number <= -1000000)
                || ((flags & INT_BIG) && (overflow > 0 || number >= 1000000));
        }
    }
    else if (PyFloat_CheckExact(value)) {
        double number = PyFloat_AS_DOUBLE(value);
        int inside = -9223372036854775808.0 < number && number < 9223372036854775808.0;
        /* a whole number of seven digits or more (a phone read as a float, 13812345678.0)
         * matters as that int would: settled_walk.whole_float_matters */
        if (inside && (number >= 1000000.0 || number <= -1000000.0)
                && (double)(long long)number == number
                && ((flags & INT_ALWAYS) || number <= -1000000.0 || (flags & INT_BIG))) {
            later = 1;
        }
        else {
            if ((flags & FLOAT_EXACT) || !inside) {
                *exact = 1;
            }
            return 0;
        }
    }
    else if (PyDict_CheckExact(value)) {
        PyObject *plan = NULL;
        if (!((flags & WRAPS) && (is_wrapped(value) || is_valued(value)))) {
            plan = plan_of(value, plans);
            if (plan == NULL && PyErr_Occurred()) {
                return -1;
            }
        }
        if (plan != NULL && !(flags & HOLDER) && !bare_candidate(value, plan, nothing)) {
            PyObject *inner = child_path(path, key, index, context);
            if (inner == NULL && path != NULL) {
                return -1;
            }
            *literals += PyDict_GET_SIZE(value);
            return push(stack, value, plan, NULL, 2, inner) ? -1 : 1;
        }
        later = 1;
    }
    else if (PyList_CheckExact(value)) {
        if (PyDict_GET_SIZE(tables) == 0 && !may_be_row(value, flags)) {
            PyObject *inner = child_path(path, key, index, context);
            if (inner == NULL && path != NULL) {
                return -1;
            }
            return push(stack, value, NULL, context, 1, inner) ? -1 : 1;
        }
        later = 1;
    }
    else {
        later = 1;  /* anything else (a float subclass keeping its spelling): as before */
    }
    if (!later) {
        return 0;
    }
    if (key != NULL) {
        return defer(deferred, container, key, value, context, path, key, index);
    }
    PyObject *slot = PyLong_FromSsize_t(index);
    if (slot == NULL) {
        return -1;
    }
    int failed = defer(deferred, container, slot, value, context, path, NULL, index);
    Py_DECREF(slot);
    return failed;
}

static PyObject *
settle(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7 && nargs != 8) {
        PyErr_SetString(PyExc_TypeError,
                        "settle(node, context, plans, nothing, tables, edits, sink[, pointer])");
        return NULL;
    }
    PyObject *node = args[0], *context = args[1], *plans = args[2], *nothing = args[3];
    PyObject *tables = args[4], *edits = args[5], *sink = args[6];
    PyObject *pointer = nargs == 8 && args[7] != Py_None ? args[7] : NULL;
    if (!PyDict_CheckExact(plans) || !PyDict_CheckExact(tables) || !PyList_CheckExact(edits)
            || (sink != Py_None && !PyList_CheckExact(sink))
            || (pointer != NULL && !PyUnicode_CheckExact(pointer))) {
        PyErr_SetString(PyExc_TypeError, "plans and tables are dicts, edits a list, sink a "
                                         "list or None, pointer a str or None");
        return NULL;
    }
    Py_ssize_t literals = 0;
    int exact = 0;
    Stack stack = {NULL, 0, 0};
    if (PyDict_CheckExact(node)) {
        if (!PyTuple_CheckExact(context) || PyTuple_GET_SIZE(context) != 2
                || !PyTuple_CheckExact(PyTuple_GET_ITEM(context, 0))
                || PyTuple_GET_SIZE(PyTuple_GET_ITEM(context, 0)) != PyDict_GET_SIZE(node)) {
            PyErr_SetString(PyExc_TypeError, "a dict's context is its plan");
            return NULL;
        }
        for (Py_ssize_t i = 0; i < PyDict_GET_SIZE(node); i++) {
            if (!valid_context(PyTuple_GET_ITEM(PyTuple_GET_ITEM(context, 0), i))) {
                PyErr_SetString(PyExc_TypeError, "a plan holds (info, cache, flags, key)");
                return NULL;
            }
        }
        literals += PyDict_GET_SIZE(node);
        Py_XINCREF(pointer);  /* (the root frame's path: push takes it) */
        if (push(&stack, node, context, NULL, 0, pointer)) {
            return NULL;
        }
    }
    else if (PyList_CheckExact(node)) {
        if (!valid_context(context)) {
            PyErr_SetString(PyExc_TypeError, "a context is (info, cache, flags, key)");
            return NULL;
        }
        Py_XINCREF(pointer);
        if (push(&stack, node, NULL, context, 0, pointer)) {
            return NULL;
        }
    }
    else {
        PyErr_SetString(PyExc_TypeError, "settle walks a dict or a list");
        return NULL;
    }
    PyObject *deferred = PyList_New(0);
    if (deferred == NULL) {
        while (stack.used) {
            pop(&stack);
        }
        PyMem_Free(stack.frames);
        return NULL;
    }
    while (stack.used) {
        Frame *frame = &stack.frames[stack.used - 1];
        PyObject *container = frame->container, *key = NULL, *value, *item_context;
        Py_ssize_t index = 0;
        if (frame->plan != NULL) {
            if (!PyDict_Next(container, &frame->position, &key, &value)) {
                pop(&stack);
                continue;
            }
            item_context = PyTuple_GET_ITEM(PyTuple_GET_ITEM(frame->plan, 0), frame->entry);
            frame->entry++;
        }
        else {
            if (frame->position >= PyList_GET_SIZE(container)) {
                pop(&stack);
                continue;
            }
            index = frame->position++;
            value = PyList_GET_ITEM(container, index);
            item_context = frame->context;
        }
        /* (frame may move when the stack grows: nothing below reads it) */
        /* (the path is held by the frame, which visit may move but not pop) */
        if (visit(&stack, container, key, index, value, item_context, plans, nothing, tables,
                  edits, sink, deferred, &literals, &exact, frame->path) < 0) {
            while (stack.used) {
                pop(&stack);
            }
            PyMem_Free(stack.frames);
            Py_DECREF(deferred);
            return NULL;
        }
    }
    PyMem_Free(stack.frames);
    return Py_BuildValue("(nNN)", literals, PyBool_FromLong(exact), deferred);
}

static PyObject *
may_name(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyDict_CheckExact(args[0]) || !PyTuple_CheckExact(args[1])
            || PyTuple_GET_SIZE(args[1]) != 2
            || !PyTuple_CheckExact(PyTuple_GET_ITEM(args[1], 0))
            || PyTuple_GET_SIZE(PyTuple_GET_ITEM(args[1], 0)) != PyDict_GET_SIZE(args[0])
            || !PyTuple_CheckExact(PyTuple_GET_ITEM(args[1], 1))) {
        PyErr_SetString(PyExc_TypeError, "may_name(dict, (contexts, bare indexes), nothing)");
        return NULL;
    }
    PyObject *contexts = PyTuple_GET_ITEM(args[1], 0);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(contexts); i++) {
        if (!valid_context(PyTuple_GET_ITEM(contexts, i))) {
            PyErr_SetString(PyExc_TypeError, "a plan holds (info, cache, flags, key)");
            return NULL;
        }
    }
    return PyBool_FromLong(bare_candidate(args[0], args[1], args[2]));
}

static PyMethodDef methods[] = {
    {"settle", (PyCFunction)(void (*)(void))settle, METH_FASTCALL,
     "Walk what needs no Python of a parsed JSON document; return what does."},
    {"may_name", (PyCFunction)(void (*)(void))may_name, METH_FASTCALL,
     "Whether RecordScrubber._bare_names may find a name in a dict (False: it finds none)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_privscreen",
    .m_doc = "The privacy scrubber's JSON walk of settled values.",
    .m_size = -1,
    .m_methods = methods,
};

PyMODINIT_FUNC
PyInit__privscreen(void)
{
    return PyModule_Create(&module);
}
