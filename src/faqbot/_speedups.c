/* The ask's hottest loops in C: the same operations, in the same order, as
 * the pure-Python code they stand in for (spelling._deletion_in,
 * spelling._common_edit, safety._block_sums, classifier._block_sums,
 * matching._bounds, Analyzer._joined), so every float and every word comes
 * out the same. The Python code stays the fallback when this is not built;
 * tests/test_speedups.py checks the two agree on random inputs. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* key in mapping, a dict's fast path first; -1 on error. */
static int
contains(PyObject *keys, PyObject *key)
{
    if (PyDict_CheckExact(keys))
        return PyDict_Contains(keys, key);
    return PySequence_Contains(keys, key);
}

/* The string of ``kind``-sized characters at ``buf`` with up to two
 * positions left out (-1: none), in its canonical (smallest) form. */
static PyObject *
without(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, Py_ssize_t j,
        Py_UCS4 *buf)
{
    Py_ssize_t out = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        if (k != i && k != j)
            buf[out++] = PyUnicode_READ(kind, data, k);
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, out);
}

static PyObject *
ascii_without(const char *data, Py_ssize_t n, Py_ssize_t i, Py_ssize_t j)
{
    PyObject *s = PyUnicode_New(n - (i >= 0) - (j >= 0), 127);
    if (s == NULL)
        return NULL;
    char *dst = (char *)PyUnicode_DATA(s);
    for (Py_ssize_t k = 0; k < n; k++) {
        if (k != i && k != j)
            *dst++ = data[k];
    }
    return s;
}

/* deletion_in(word, depth, keys): whether deleting up to ``depth`` (1 or
 * 2) letters of ``word`` makes a key of ``keys``. */
static PyObject *
deletion_in(PyObject *self, PyObject *args)
{
    PyObject *word, *keys;
    int depth;
    if (!PyArg_ParseTuple(args, "UiO:deletion_in", &word, &depth, &keys))
        return NULL;
    int found = contains(keys, word);
    if (found)
        return found < 0 ? NULL : Py_NewRef(Py_True);
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    int ascii = PyUnicode_IS_ASCII(word);
    Py_UCS4 *buf = NULL;
    if (!ascii) {
        buf = PyMem_New(Py_UCS4, n + 1);
        if (buf == NULL)
            return PyErr_NoMemory();
    }
    /* As spelling._deletion_in: the single deletions whatever the depth,
     * the pairs from depth 2 on. */
    for (Py_ssize_t pass = 1; pass <= (depth >= 2 ? 2 : 1) && !found; pass++) {
        for (Py_ssize_t i = 0; i < n && !found; i++) {
            for (Py_ssize_t j = (pass == 1 ? -1 : i + 1); j < n && !found;
                 j = (pass == 1 ? n : j + 1)) {
                PyObject *s = ascii
                    ? ascii_without((const char *)data, n, i, j)
                    : without(kind, data, n, i, j, buf);
                if (s == NULL) {
                    found = -1;
                    break;
                }
                found = contains(keys, s);
                Py_DECREF(s);
            }
        }
    }
    PyMem_Free(buf);
    if (found < 0)
        return NULL;
    return Py_NewRef(found ? Py_True : Py_False);
}


/* A word's hash for word_filter: FNV-1a over its code points, then mixed so
 * that the low bits depend on every character. */
static uint64_t
filter_hash(const Py_UCS4 *chars, Py_ssize_t n)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (Py_ssize_t k = 0; k < n; k++) {
        h ^= (uint64_t)chars[k];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

/* Whether the filter's bit for ``chars`` is set (``nbytes`` a power of two). */
static int
filter_has(const unsigned char *bits, Py_ssize_t nbytes, const Py_UCS4 *chars,
           Py_ssize_t n)
{
    uint64_t h = filter_hash(chars, n) & ((uint64_t)nbytes * 8 - 1);
    return (bits[h >> 3] >> (h & 7)) & 1;
}

/* word_filter(words, nbytes) -> bytes: one bit set per word of ``words``
 * (str), at its hash; common_edit builds and looks up only the edits whose
 * bit is set. A word's bit is always set, so no word of ``words`` is missed;
 * another string's is set about once in (8 * nbytes / len(words)). */
static PyObject *
word_filter(PyObject *self, PyObject *args)
{
    PyObject *words;
    Py_ssize_t nbytes;
    if (!PyArg_ParseTuple(args, "On:word_filter", &words, &nbytes))
        return NULL;
    if (nbytes < 1 || (nbytes & (nbytes - 1)) != 0) {
        PyErr_SetString(PyExc_ValueError, "nbytes is a power of two");
        return NULL;
    }
    PyObject *out = PyBytes_FromStringAndSize(NULL, nbytes);
    if (out == NULL)
        return NULL;
    unsigned char *bits = (unsigned char *)PyBytes_AS_STRING(out);
    memset(bits, 0, nbytes);
    PyObject *it = PyObject_GetIter(words);
    if (it == NULL) {
        Py_DECREF(out);
        return NULL;
    }
    Py_UCS4 *buf = NULL;
    Py_ssize_t cap = 0;
    PyObject *w;
    while ((w = PyIter_Next(it)) != NULL) {
        if (!PyUnicode_Check(w)) {
            Py_DECREF(w);
            PyErr_SetString(PyExc_TypeError, "words are str");
            break;
        }
        Py_ssize_t n = PyUnicode_GET_LENGTH(w);
        if (n + 1 > cap) {
            PyMem_Free(buf);
            cap = 2 * (n + 1);
            buf = PyMem_New(Py_UCS4, cap);
            if (buf == NULL) {
                Py_DECREF(w);
                PyErr_NoMemory();
                break;
            }
        }
        int kind = PyUnicode_KIND(w);
        const void *data = PyUnicode_DATA(w);
        for (Py_ssize_t k = 0; k < n; k++)
            buf[k] = PyUnicode_READ(kind, data, k);
        Py_DECREF(w);
        uint64_t h = filter_hash(buf, n) & ((uint64_t)nbytes * 8 - 1);
        bits[h >> 3] |= (unsigned char)(1u << (h & 7));
    }
    PyMem_Free(buf);
    Py_DECREF(it);
    if (PyErr_Occurred()) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

/* One candidate of common_edit: kept when its value reaches ``floor`` and
 * (value, word) beats the best so far. 0 on success, -1 on error. */
static int
edit_consider(PyObject *s, PyObject *table, double floor, PyObject **best,
              double *best_z)
{
    PyObject *v = PyDict_GetItemWithError(table, s); /* borrowed */
    if (v == NULL)
        return PyErr_Occurred() ? -1 : 0;
    double z = PyFloat_AsDouble(v);
    if (z == -1.0 && PyErr_Occurred())
        return -1;
    if (z < 0.0)
        z = 0.0; /* lexicon.zipf: max(0.0, value) */
    if (!(z >= floor))
        return 0;
    if (*best != NULL) {
        if (z < *best_z)
            return 0;
        if (z == *best_z) {
            int c = PyUnicode_Compare(s, *best);
            if (c == -1 && PyErr_Occurred())
                return -1;
            if (c <= 0)
                return 0;
        }
    }
    Py_XSETREF(*best, Py_NewRef(s));
    *best_z = z;
    return 0;
}

/* common_edit(word, table, floor, filter=None): spelling._common_edit, the
 * English word one deletion, swap, replacement (a-z) or insertion (a-z) from
 * ``word`` whose value in ``table`` (a dict of str to float) is ``floor`` or
 * more, the highest (value, word); None when there is none. Each edit is
 * built and looked up in turn, no set of them kept; with ``filter``
 * (word_filter of at least every key of ``table`` reaching ``floor``), only
 * the edits whose bit is set: the others are in no such key. */
static PyObject *
common_edit(PyObject *self, PyObject *args)
{
    PyObject *word, *table, *filter = Py_None;
    double floor;
    if (!PyArg_ParseTuple(args, "UO!d|O:common_edit", &word, &PyDict_Type, &table,
                          &floor, &filter))
        return NULL;
    const unsigned char *bits = NULL;
    Py_ssize_t nbytes = 0;
    if (filter != Py_None) {
        if (!PyBytes_Check(filter)) {
            PyErr_SetString(PyExc_TypeError, "filter is bytes from word_filter");
            return NULL;
        }
        nbytes = PyBytes_GET_SIZE(filter);
        if (nbytes < 1 || (nbytes & (nbytes - 1)) != 0) {
            PyErr_SetString(PyExc_ValueError, "filter's size is a power of two");
            return NULL;
        }
        bits = (const unsigned char *)PyBytes_AS_STRING(filter);
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    int ascii = PyUnicode_IS_ASCII(word);
    /* the word's characters, then room for one more */
    Py_UCS4 *src = PyMem_New(Py_UCS4, n + 1);
    Py_UCS4 *buf = PyMem_New(Py_UCS4, n + 1);
    if (src == NULL || buf == NULL) {
        PyMem_Free(src);
        PyMem_Free(buf);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t k = 0; k < n; k++)
        src[k] = PyUnicode_READ(kind, data, k);
    PyObject *best = NULL;
    double best_z = 0.0;
    int failed = 0;
    /* op 0: delete at i; 1: swap i, i+1; 2: replace at i; 3: insert at i */
    for (int op = 0; op < 4 && !failed; op++) {
        Py_ssize_t positions = op == 3 ? n + 1 : (op == 1 ? n - 1 : n);
        int letters = op >= 2 ? 26 : 1;
        for (Py_ssize_t i = 0; i < positions && !failed; i++) {
            for (int c = 0; c < letters && !failed; c++) {
                Py_UCS4 letter = (Py_UCS4)('a' + c);
                Py_ssize_t out = 0;
                for (Py_ssize_t k = 0; k < n; k++) {
                    if (k == i) {
                        if (op == 0)
                            continue;
                        if (op == 1) {
                            buf[out++] = src[k + 1];
                            buf[out++] = src[k];
                            k++;
                            continue;
                        }
                        if (op == 2) {
                            buf[out++] = letter;
                            continue;
                        }
                        buf[out++] = letter; /* op 3, then the character */
                    }
                    buf[out++] = src[k];
                }
                if (op == 3 && i == n)
                    buf[out++] = letter;
                if (bits != NULL && !filter_has(bits, nbytes, buf, out))
                    continue;
                PyObject *s;
                if (ascii) {
                    s = PyUnicode_New(out, 127);
                    if (s != NULL) {
                        char *dst = (char *)PyUnicode_DATA(s);
                        for (Py_ssize_t k = 0; k < out; k++)
                            dst[k] = (char)buf[k];
                    }
                }
                else
                    s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, out);
                if (s == NULL) {
                    failed = 1;
                    break;
                }
                failed = edit_consider(s, table, floor, &best, &best_z) < 0;
                Py_DECREF(s);
            }
        }
    }
    PyMem_Free(src);
    PyMem_Free(buf);
    if (failed) {
        Py_XDECREF(best);
        return NULL;
    }
    return best != NULL ? best : Py_NewRef(Py_None);
}


/* --- Table: a model's weights packed for the block sums ------------------
 * A read-only mapping from feature (str) to its weights, kept in two flat
 * arrays (an index of slots and the entries) instead of a dict of tuples of
 * floats: a look-up touches one or two cache lines instead of five to ten,
 * which is what the sums cost on a machine whose caches other work keeps
 * cold. Kind 0 holds the crisis model's (idf, idf * coef, idf ** 2); kind 1
 * the classifier's (idf, pairs, idf ** 2, once), ``once`` being idf times
 * each pair's weight. ``get`` gives the same tuple back, equal floats. */

typedef struct {
    Py_ssize_t cls;
    double w, x;
} Pair;

typedef struct {
    uint32_t hash;      /* the str's hash, its low 32 bits (the slot's too) */
    uint32_t off;       /* where the feature's UTF-8 bytes are in the keys */
    uint32_t first;     /* kind 1: its pairs */
    uint16_t len, count; /* the bytes, the pairs */
    double s[3];
} Entry; /* 40 bytes */

typedef struct {
    PyObject_HEAD
    int kind;
    Py_ssize_t n, mask;
    char *keys;     /* every feature's UTF-8 bytes, one after the other */
    int32_t *slots; /* entry number, or -1 */
    Entry *entries;
    Pair *pairs;
    int32_t *seen; /* per entry, a count during one call (zero between calls) */
} Table;

static PyTypeObject TableType;

/* The features are kept as their UTF-8 bytes, not as str objects: a str
 * costs about 50 bytes besides its characters, and the crisis model and the
 * classifier hold 30,000 features each, mostly of 3 to 10 characters. Two
 * str are equal exactly when their UTF-8 bytes are (a lone surrogate, which
 * has none, is never found). */
static Entry *
table_find(Table *t, PyObject *key, Py_hash_t hash, int *error)
{
    *error = 0;
    if (!PyUnicode_Check(key))
        return NULL; /* features are str: nothing else is one */
    const char *bytes = NULL; /* the key's UTF-8, read at the first hash met */
    Py_ssize_t len = 0;
    for (Py_ssize_t i = hash & t->mask;; i = (i + 1) & t->mask) {
        int32_t k = t->slots[i];
        if (k < 0)
            return NULL;
        Entry *e = &t->entries[k];
        if (e->hash != (uint32_t)hash)
            continue;
        if (bytes == NULL) {
            if (PyUnicode_IS_COMPACT_ASCII(key)) {
                bytes = (const char *)PyUnicode_DATA(key);
                len = PyUnicode_GET_LENGTH(key);
            }
            else if ((bytes = PyUnicode_AsUTF8AndSize(key, &len)) == NULL) {
                if (!PyErr_ExceptionMatches(PyExc_UnicodeEncodeError)) {
                    *error = 1;
                    return NULL;
                }
                PyErr_Clear(); /* a lone surrogate: no feature */
                return NULL;
            }
        }
        if (e->len == len) {
            const char *have = t->keys + e->off;
            Py_ssize_t j = 0;
            while (j < len && have[j] == bytes[j])
                j++;
            if (j == len)
                return e;
        }
    }
}

static Entry *
table_lookup(Table *t, PyObject *key, int *error)
{
    Py_hash_t hash = PyObject_Hash(key);
    if (hash == -1) {
        *error = 1;
        return NULL;
    }
    return table_find(t, key, hash, error);
}

static int
read_pairs(PyObject *seq, Py_ssize_t *cls, double *val, Py_ssize_t n)
{
    for (Py_ssize_t p = 0; p < n; p++) {
        PyObject *pair = PyTuple_GET_ITEM(seq, p);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "expected (class, weight) pairs");
            return -1;
        }
        cls[p] = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
        val[p] = PyFloat_AsDouble(PyTuple_GET_ITEM(pair, 1));
        if (PyErr_Occurred())
            return -1;
    }
    return 0;
}

static void
table_dealloc(Table *t)
{
    PyMem_Free(t->keys);
    PyMem_Free(t->slots);
    PyMem_Free(t->entries);
    PyMem_Free(t->pairs);
    PyMem_Free(t->seen);
    Py_TYPE(t)->tp_free((PyObject *)t);
}

static PyObject *
table_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *given;
    int kind;
    if (!PyArg_ParseTuple(args, "O!i:Table", &PyDict_Type, &given, &kind))
        return NULL;
    if (kind != 0 && kind != 1) {
        PyErr_SetString(PyExc_ValueError, "kind is 0 (crisis model) or 1 (classifier)");
        return NULL;
    }
    /* Read from a copy of our own: a weight's __float__ (Python code) could
     * otherwise change or free the dict's items while they are read. */
    PyObject *mapping = PyDict_Copy(given);
    if (mapping == NULL)
        return NULL;
    Table *t = (Table *)type->tp_alloc(type, 0);
    if (t == NULL) {
        Py_DECREF(mapping);
        return NULL;
    }
    t->kind = kind;
    Py_ssize_t n = PyDict_GET_SIZE(mapping), cap = 8;
    if (n > INT32_MAX / 4) { /* entries are numbered in int32_t slots */
        PyErr_SetString(PyExc_OverflowError, "too many features");
        goto fail;
    }
    while (cap < 2 * n)
        cap <<= 1;
    t->mask = cap - 1;
    t->slots = PyMem_New(int32_t, cap);
    t->entries = PyMem_New(Entry, n > 0 ? n : 1);
    Py_ssize_t npairs = 0, pos = 0, nbytes = 0;
    PyObject *key, *value;
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        if (!PyUnicode_CheckExact(key)) {
            PyErr_SetString(PyExc_TypeError, "features are str");
            goto fail;
        }
        Py_ssize_t len;
        if (PyUnicode_AsUTF8AndSize(key, &len) == NULL)
            goto fail;
        nbytes += len;
        if (len > UINT16_MAX || nbytes > UINT32_MAX) {
            PyErr_SetString(PyExc_OverflowError, "features too long");
            goto fail;
        }
    }
    t->keys = PyMem_Malloc(nbytes > 0 ? nbytes : 1);
    nbytes = 0;
    pos = 0;
    if (kind == 1) {
        while (PyDict_Next(mapping, &pos, &key, &value)) {
            if (!PyTuple_Check(value) || PyTuple_GET_SIZE(value) != 4
                || !PyTuple_Check(PyTuple_GET_ITEM(value, 1))
                || !PyTuple_Check(PyTuple_GET_ITEM(value, 3))
                || PyTuple_GET_SIZE(PyTuple_GET_ITEM(value, 1))
                       != PyTuple_GET_SIZE(PyTuple_GET_ITEM(value, 3))) {
                PyErr_SetString(PyExc_TypeError, "expected (idf, pairs, idf2, once)");
                goto fail;
            }
            Py_ssize_t m = PyTuple_GET_SIZE(PyTuple_GET_ITEM(value, 1));
            npairs += m;
            if (m > UINT16_MAX || npairs > INT32_MAX) { /* numbered in 32 bits */
                PyErr_SetString(PyExc_OverflowError, "too many pairs");
                goto fail;
            }
        }
    }
    t->pairs = PyMem_New(Pair, npairs > 0 ? npairs : 1);
    t->seen = PyMem_Calloc(n > 0 ? n : 1, sizeof(int32_t));
    if (t->keys == NULL || t->slots == NULL || t->entries == NULL || t->pairs == NULL
        || t->seen == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    memset(t->slots, 0xff, cap * sizeof(int32_t));
    Py_ssize_t *cls = NULL, *cls2 = NULL;
    double *tmp = NULL;
    pos = 0;
    npairs = 0;
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        if (!PyUnicode_CheckExact(key)) {
            PyErr_SetString(PyExc_TypeError, "features are str");
            goto fail;
        }
        Entry *e = &t->entries[t->n];
        Py_ssize_t len;
        const char *bytes = PyUnicode_AsUTF8AndSize(key, &len);
        if (bytes == NULL)
            goto fail;
        memcpy(t->keys + nbytes, bytes, len);
        e->off = (uint32_t)nbytes;
        e->len = (uint16_t)len;
        nbytes += len;
        Py_hash_t hash = PyObject_Hash(key);
        e->hash = (uint32_t)hash;
        e->first = (uint32_t)npairs;
        e->count = 0;
        e->s[0] = e->s[1] = e->s[2] = 0.0;
        t->n++;
        if (hash == -1 || !PyTuple_Check(value))
            goto bad_value;
        if (kind == 0) {
            if (PyTuple_GET_SIZE(value) != 3)
                goto bad_value;
            for (int k = 0; k < 3; k++)
                e->s[k] = PyFloat_AsDouble(PyTuple_GET_ITEM(value, k));
        }
        else {
            PyObject *pairs = PyTuple_GET_ITEM(value, 1);
            PyObject *once = PyTuple_GET_ITEM(value, 3);
            Py_ssize_t m = PyTuple_GET_SIZE(pairs);
            e->s[0] = PyFloat_AsDouble(PyTuple_GET_ITEM(value, 0));
            e->s[2] = PyFloat_AsDouble(PyTuple_GET_ITEM(value, 2));
            e->count = (uint16_t)m;
            cls = PyMem_New(Py_ssize_t, m + 1);
            cls2 = PyMem_New(Py_ssize_t, m + 1);
            tmp = PyMem_New(double, m + 1);
            if (cls == NULL || cls2 == NULL || tmp == NULL) {
                PyErr_NoMemory();
                goto fail_tmp;
            }
            if (read_pairs(pairs, cls, tmp, m) < 0)
                goto fail_tmp;
            for (Py_ssize_t p = 0; p < m; p++) {
                t->pairs[npairs + p].cls = cls[p];
                t->pairs[npairs + p].w = tmp[p];
            }
            if (read_pairs(once, cls2, tmp, m) < 0)
                goto fail_tmp;
            for (Py_ssize_t p = 0; p < m; p++) {
                if (cls2[p] != cls[p]) {
                    PyErr_SetString(PyExc_ValueError, "pairs and once name other classes");
                    goto fail_tmp;
                }
                t->pairs[npairs + p].x = tmp[p];
            }
            PyMem_Free(cls);
            PyMem_Free(cls2);
            PyMem_Free(tmp);
            cls = cls2 = NULL;
            tmp = NULL;
            npairs += m;
        }
        if (PyErr_Occurred())
            goto fail;
        int error;
        if (table_find(t, key, hash, &error) != NULL || error) {
            if (!error)
                PyErr_SetString(PyExc_ValueError, "a feature twice");
            goto fail;
        }
        Py_ssize_t i = e->hash & t->mask;
        while (t->slots[i] >= 0)
            i = (i + 1) & t->mask;
        t->slots[i] = (int32_t)(t->n - 1);
    }
    Py_DECREF(mapping);
    return (PyObject *)t;
bad_value:
    PyErr_SetString(PyExc_TypeError, "expected a tuple of weights");
    goto fail;
fail_tmp:
    PyMem_Free(cls);
    PyMem_Free(cls2);
    PyMem_Free(tmp);
fail:
    Py_DECREF(mapping);
    Py_DECREF(t);
    return NULL;
}

static Py_ssize_t
table_len(Table *t)
{
    return t->n;
}

static int
table_contains(Table *t, PyObject *key)
{
    int error;
    Entry *e = table_lookup(t, key, &error);
    return error ? -1 : e != NULL;
}

static PyObject *
entry_value(Table *t, Entry *e)
{
    if (t->kind == 0)
        return Py_BuildValue("(ddd)", e->s[0], e->s[1], e->s[2]);
    PyObject *pairs = PyTuple_New(e->count), *once = PyTuple_New(e->count);
    if (pairs == NULL || once == NULL)
        goto fail;
    for (Py_ssize_t p = 0; p < e->count; p++) {
        Pair *q = &t->pairs[e->first + p];
        PyObject *a = Py_BuildValue("(nd)", q->cls, q->w);
        PyObject *b = Py_BuildValue("(nd)", q->cls, q->x);
        if (a == NULL || b == NULL) {
            Py_XDECREF(a);
            Py_XDECREF(b);
            goto fail;
        }
        PyTuple_SET_ITEM(pairs, p, a);
        PyTuple_SET_ITEM(once, p, b);
    }
    return Py_BuildValue("(dNdN)", e->s[0], pairs, e->s[2], once);
fail:
    Py_XDECREF(pairs);
    Py_XDECREF(once);
    return NULL;
}

static PyObject *
table_get(Table *t, PyObject *args)
{
    PyObject *key, *fallback = Py_None;
    if (!PyArg_ParseTuple(args, "O|O:get", &key, &fallback))
        return NULL;
    int error;
    Entry *e = table_lookup(t, key, &error);
    if (error)
        return NULL;
    if (e == NULL)
        return Py_NewRef(fallback);
    return entry_value(t, e);
}

static PyMethodDef table_methods[] = {
    {"get", (PyCFunction)table_get, METH_VARARGS,
     "The feature's weights as the tuple they were given as, or the default."},
    {NULL, NULL, 0, NULL},
};

static PySequenceMethods table_as_sequence = {
    .sq_length = (lenfunc)table_len,
    .sq_contains = (objobjproc)table_contains,
};

static PyTypeObject TableType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "faqbot._speedups.Table",
    .tp_basicsize = sizeof(Table),
    .tp_dealloc = (destructor)table_dealloc,
    .tp_as_sequence = &table_as_sequence,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Table(weights, kind): a model's weights packed for the block sums.",
    .tp_methods = table_methods,
    .tp_new = table_new,
};

/* item[k] of a tuple as a double; -1.0 with an error set on failure. */
static double
item_double(PyObject *tuple, Py_ssize_t k)
{
    if (!PyTuple_Check(tuple) || PyTuple_GET_SIZE(tuple) <= k) {
        PyErr_SetString(PyExc_TypeError, "expected a tuple of weights");
        return -1.0;
    }
    return PyFloat_AsDouble(PyTuple_GET_ITEM(tuple, k));
}

/* safety_block(counts, table) -> (square, dot): the crisis model's block
 * sums over the n-grams it weighs, as safety._block_sums. */
static PyObject *
safety_block(PyObject *self, PyObject *args)
{
    PyObject *counts, *table;
    if (!PyArg_ParseTuple(args, "O!O:safety_block", &PyDict_Type, &counts, &table))
        return NULL;
    double square = 0.0, dot = 0.0;
    Py_ssize_t pos = 0;
    PyObject *gram, *count;
    if (Py_IS_TYPE(table, &TableType) && ((Table *)table)->kind == 0) {
        Table *t = (Table *)table;
        while (PyDict_Next(counts, &pos, &gram, &count)) {
            /* held: a key's __eq__ could delete them from ``counts`` */
            Py_INCREF(gram);
            Py_INCREF(count);
            int error;
            Entry *e = table_lookup(t, gram, &error);
            Py_DECREF(gram);
            if (error || e == NULL) {
                Py_DECREF(count);
                if (error)
                    return NULL;
                continue;
            }
            int overflow = 0;
            if (PyLong_CheckExact(count)
                && PyLong_AsLongAndOverflow(count, &overflow) == 1 && !overflow) {
                square += e->s[2];
                dot += e->s[1];
            }
            else {
                double c = PyLong_AsDouble(count);
                if (c == -1.0 && PyErr_Occurred()) {
                    Py_DECREF(count);
                    return NULL;
                }
                square += (c * e->s[0]) * (c * e->s[0]); /* x * x, as _block_sums */
                dot += c * e->s[1];
            }
            Py_DECREF(count);
        }
        return Py_BuildValue("(dd)", square, dot);
    }
    if (!PyDict_Check(table)) {
        PyErr_SetString(PyExc_TypeError, "table is a dict or a Table of kind 0");
        return NULL;
    }
    while (PyDict_Next(counts, &pos, &gram, &count)) {
        /* held: a key's __eq__ or a weight's __float__ could free them */
        Py_INCREF(count);
        Py_INCREF(gram);
        PyObject *found = PyDict_GetItemWithError(table, gram);
        Py_DECREF(gram);
        if (found == NULL) {
            Py_DECREF(count);
            if (PyErr_Occurred())
                return NULL;
            continue;
        }
        Py_INCREF(found);
        int overflow = 0;
        int one = PyLong_CheckExact(count)
            && PyLong_AsLongAndOverflow(count, &overflow) == 1 && !overflow;
        double a = 0.0, b = 0.0, c = 1.0;
        if (!one)
            c = PyLong_AsDouble(count);
        Py_DECREF(count);
        /* each conversion only while no error is set */
        if (!PyErr_Occurred())
            a = item_double(found, one ? 2 : 0);
        if (!PyErr_Occurred())
            b = item_double(found, 1);
        Py_DECREF(found);
        if (PyErr_Occurred())
            return NULL;
        if (one) {
            square += a;
            dot += b;
        }
        else {
            square += (c * a) * (c * a);
            dot += c * b;
        }
    }
    return Py_BuildValue("(dd)", square, dot);
}

/* The classifier's answer: its k per-class sums as a list of floats, and the
   sum of squares (a new reference, or NULL with an exception set). */
static PyObject *
class_sums(const double *acc, Py_ssize_t k, double squares)
{
    PyObject *list = PyList_New(k);
    if (list == NULL)
        return NULL;
    for (Py_ssize_t c = 0; c < k; c++) {
        PyObject *f = PyFloat_FromDouble(acc[c]);
        if (f == NULL) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, c, f);
    }
    return Py_BuildValue("(Nd)", list, squares);
}


/* k sums set to 0.0 (k >= 0), for the classifier's blocks; NULL with
 * MemoryError set when they cannot be had. */
static double *
zeroed_sums(Py_ssize_t k)
{
    double *acc = PyMem_New(double, k > 0 ? k : 1);
    if (acc == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t c = 0; c < k; c++)
        acc[c] = 0.0;
    return acc;
}


/* classifier_block(counts, table, k) -> (acc, squares): one block of the
 * matcher's classifier, as classifier._block_sums. */
static PyObject *
classifier_block(PyObject *self, PyObject *args)
{
    PyObject *counts, *table;
    Py_ssize_t k;
    if (!PyArg_ParseTuple(args, "O!On:classifier_block", &PyDict_Type, &counts,
                          &table, &k))
        return NULL;
    int packed = Py_IS_TYPE(table, &TableType) && ((Table *)table)->kind == 1;
    if (!packed && !PyDict_Check(table)) {
        PyErr_SetString(PyExc_TypeError, "table is a dict or a Table of kind 1");
        return NULL;
    }
    if (k < 0)
        k = 0; /* [0.0] * k */
    double *acc = zeroed_sums(k);
    if (acc == NULL)
        return NULL;
    double squares = 0.0;
    Py_ssize_t pos = 0;
    PyObject *feature, *count, *result = NULL;
    while (packed && PyDict_Next(counts, &pos, &feature, &count)) {
        Table *t = (Table *)table;
        int error;
        /* held: a key's __eq__ could delete them from ``counts`` */
        Py_INCREF(feature);
        Py_INCREF(count);
        Entry *e = table_lookup(t, feature, &error);
        Py_DECREF(feature);
        int overflow = 0;
        int one = e != NULL && PyLong_CheckExact(count)
            && PyLong_AsLongAndOverflow(count, &overflow) == 1 && !overflow;
        double n = e == NULL || one ? 1.0 : PyLong_AsDouble(count);
        Py_DECREF(count);
        if (error)
            goto done;
        if (e == NULL)
            continue;
        double v = 0.0;
        if (one) {
            squares += e->s[2];
        }
        else {
            if (n == -1.0 && PyErr_Occurred())
                goto done;
            if (!(n > 0.0)) {
                PyErr_SetString(PyExc_ValueError, "math domain error");
                goto done;
            }
            v = (1.0 + log(n)) * e->s[0];
            squares += v * v;
        }
        for (Py_ssize_t p = 0; p < e->count; p++) {
            Pair *q = &t->pairs[e->first + p];
            if (q->cls < 0 || q->cls >= k) {
                PyErr_SetString(PyExc_IndexError, "class out of range");
                goto done;
            }
            if (one)
                acc[q->cls] += q->x;
            else
                acc[q->cls] += v * q->w;
        }
    }
    while (!packed && PyDict_Next(counts, &pos, &feature, &count)) {
        /* held: a key's __eq__ or a weight's __float__ could free them */
        Py_INCREF(feature);
        Py_INCREF(count);
        PyObject *hit = PyDict_GetItemWithError(table, feature);
        Py_DECREF(feature);
        Py_XINCREF(hit);
        int overflow = 0;
        int one = hit != NULL && PyLong_CheckExact(count)
            && PyLong_AsLongAndOverflow(count, &overflow) == 1 && !overflow;
        double n = hit == NULL || one ? 1.0 : PyLong_AsDouble(count);
        Py_DECREF(count);
        if (hit == NULL) {
            if (PyErr_Occurred())
                goto done;
            continue;
        }
        if (PyErr_Occurred()) {
            Py_DECREF(hit);
            goto done;
        }
        if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) < 4) {
            PyErr_SetString(PyExc_TypeError, "expected (idf, pairs, idf2, once)");
            Py_DECREF(hit);
            goto done;
        }
        PyObject *pairs;
        double v = 0.0;
        if (one) {
            double sq = PyFloat_AsDouble(PyTuple_GET_ITEM(hit, 2));
            if (PyErr_Occurred()) {
                Py_DECREF(hit);
                goto done;
            }
            squares += sq;
            pairs = PyTuple_GET_ITEM(hit, 3);
        }
        else {
            double idf = PyFloat_AsDouble(PyTuple_GET_ITEM(hit, 0));
            if (PyErr_Occurred()) {
                Py_DECREF(hit);
                goto done;
            }
            if (!(n > 0.0)) {
                PyErr_SetString(PyExc_ValueError, "math domain error");
                Py_DECREF(hit);
                goto done;
            }
            v = (1.0 + log(n)) * idf;
            squares += v * v;
            pairs = PyTuple_GET_ITEM(hit, 1);
        }
        int bad = 0; /* pairs lives as long as hit, held */
        if (!PyTuple_Check(pairs)) {
            PyErr_SetString(PyExc_TypeError, "expected a tuple of (class, weight)");
            bad = 1;
        }
        for (Py_ssize_t p = 0; !bad && p < PyTuple_GET_SIZE(pairs); p++) {
            PyObject *pair = PyTuple_GET_ITEM(pairs, p);
            if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
                PyErr_SetString(PyExc_TypeError, "expected (class, weight)");
                bad = 1;
                break;
            }
            Py_ssize_t c = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
            double w = c == -1 && PyErr_Occurred()
                ? 0.0 : PyFloat_AsDouble(PyTuple_GET_ITEM(pair, 1));
            if (PyErr_Occurred()) {
                bad = 1;
                break;
            }
            if (c < 0 || c >= k) {
                PyErr_SetString(PyExc_IndexError, "class out of range");
                bad = 1;
                break;
            }
            if (one)
                acc[c] += w;
            else
                acc[c] += v * w;
        }
        Py_DECREF(hit);
        if (bad)
            goto done;
    }
    result = class_sums(acc, k, squares);
done:
    PyMem_Free(acc);
    return result;
}


/* x ** y as Python's float power computes it for these operands: C's pow,
 * with Python's errors where C would return an infinity or a NaN. */
static int
py_pow(double x, double y, double *out)
{
    if (y == 0.0) {
        *out = 1.0;
        return 0;
    }
    if (x == 0.0 && y < 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError,
                        "0.0 cannot be raised to a negative power");
        return -1;
    }
    if (x < 0.0 && y != floor(y)) {
        PyErr_SetString(PyExc_ValueError, "negative number to a fractional power");
        return -1;
    }
    /* x ** 1.0 is x in Python (pow's error is under half a unit in the last
     * place, so an exact result comes back exact): the matcher's powers are
     * 1.0 by default, and pow() is a tenth of the bound loop. */
    *out = y == 1.0 ? x : pow(x, y);
    return 0;
}

/* The message's tokens' hashes as a 256-bit filter (``mask``): a token whose
 * hash's bit is clear is no key of ``qweight``, so its look-up is skipped,
 * and with it nothing but a miss (no key of that hash: no __eq__ to run).
 * Where the dict's stored hashes cannot be read, every bit is set. */
static void
hash_filter(PyObject *qweight, uint64_t mask[4])
{
#if PY_VERSION_HEX < 0x030D0000
    mask[0] = mask[1] = mask[2] = mask[3] = 0;
    Py_ssize_t pos = 0;
    PyObject *key, *value;
    Py_hash_t hash;
    while (_PyDict_Next(qweight, &pos, &key, &value, &hash)) {
        size_t h = (size_t)hash;
        mask[(h >> 6) & 3] |= (uint64_t)1 << (h & 63);
    }
#else
    mask[0] = mask[1] = mask[2] = mask[3] = ~(uint64_t)0;
#endif
}

static inline int
may_hold(const uint64_t mask[4], Py_hash_t hash)
{
    size_t h = (size_t)hash;
    return (int)((mask[(h >> 6) & 3] >> (h & 63)) & 1);
}


/* The message's tokens that a phrasing holds, and their idf and weight sums
 * (``m`` and ``mq``), as summing over ``tokens & qset`` in Python: with one
 * or two tokens in common the order cannot change a sum (from 0.0, a + b is
 * b + a), so they are found by each token's stored hash without building
 * the intersection; with three or more the intersection is built and summed
 * in its own order. Returns how many tokens are shared, -1 on error. */
static Py_ssize_t
shared_sums(PyObject *tokens, PyObject *qset, PyObject *idf, PyObject *qweight,
            const uint64_t mask[4], double *m, double *mq)
{
    PyObject *found[2], *weights[2];
    Py_hash_t hashes[2];
    Py_ssize_t n = 0;
#if PY_VERSION_HEX < 0x030D0000
    if (PyAnySet_Check(tokens)) {
        Py_ssize_t pos = 0;
        PyObject *key;
        Py_hash_t hash;
        while (_PySet_NextEntry(tokens, &pos, &key, &hash)) {
            if (!may_hold(mask, hash))
                continue; /* no key of qweight has this hash */
            Py_INCREF(key); /* held, as what is found: an __eq__ could free them */
            PyObject *w = _PyDict_GetItem_KnownHash(qweight, key, hash);
            if (w == NULL || n == 2) {
                Py_DECREF(key);
                if (w == NULL && !PyErr_Occurred())
                    continue;
                for (Py_ssize_t k = 0; k < n; k++) {
                    Py_DECREF(found[k]);
                    Py_DECREF(weights[k]);
                }
                if (w == NULL)
                    return -1;
                n = 3;
                break;
            }
            found[n] = key;
            weights[n] = Py_NewRef(w);
            hashes[n++] = hash;
        }
    }
    else
#endif
        n = 3; /* the general way below */
    if (n <= 2) {
        *m = 0.0;
        *mq = 0.0;
        Py_ssize_t k = 0;
        for (; k < n && !PyErr_Occurred(); k++) {
#if PY_VERSION_HEX < 0x030D0000
            PyObject *a = _PyDict_GetItem_KnownHash(idf, found[k], hashes[k]);
#else
            PyObject *a = PyDict_GetItemWithError(idf, found[k]);
#endif
            if (a == NULL) {
                if (!PyErr_Occurred())
                    PyErr_SetObject(PyExc_KeyError, found[k]);
                break;
            }
            Py_INCREF(a);
            *m += PyFloat_AsDouble(a);
            Py_DECREF(a);
            if (!PyErr_Occurred())
                *mq += PyFloat_AsDouble(weights[k]);
        }
        for (k = 0; k < n; k++) {
            Py_DECREF(found[k]);
            Py_DECREF(weights[k]);
        }
        return PyErr_Occurred() ? -1 : n;
    }
    PyObject *shared = PyNumber_And(tokens, qset);
    if (shared == NULL)
        return -1;
    PyObject *it = PyObject_GetIter(shared);
    Py_DECREF(shared);
    if (it == NULL)
        return -1;
    double sm = 0.0, smq = 0.0;
    n = 0;
    PyObject *t;
    while ((t = PyIter_Next(it)) != NULL) {
        PyObject *a = Py_XNewRef(PyDict_GetItemWithError(idf, t));
        PyObject *b = a ? Py_XNewRef(PyDict_GetItemWithError(qweight, t)) : NULL;
        if (a == NULL || b == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetObject(PyExc_KeyError, t);
            Py_XDECREF(a);
            Py_DECREF(t);
            Py_DECREF(it);
            return -1;
        }
        Py_DECREF(t);
        sm += PyFloat_AsDouble(a);
        if (!PyErr_Occurred())
            smq += PyFloat_AsDouble(b);
        Py_DECREF(a);
        Py_DECREF(b);
        if (PyErr_Occurred())
            break;
        n++;
    }
    Py_DECREF(it);
    if (PyErr_Occurred())
        return -1;
    *m = sm;
    *mq = smq;
    return n;
}

/* bounds(pis, tokens, entries, weights, qset, skip, idf, qweight, in_bag,
 *        explain, total, bag_share, pp, cov, generic_weight)
 *     -> [(-bound, pi), ...]:
 * the matcher's bound loop (matching._bounds), the same sums in the same
 * order; ``tokens``, ``entries`` and ``weights`` are the phrasings' columns,
 * ``qweight``'s keys are ``qset``; ``in_bag`` gets the entries it lacked. */
static PyObject *
bounds(PyObject *self, PyObject *args)
{
    PyObject *pis, *tokens_of, *entry_of, *weight_of, *qset, *skip, *idf, *qweight;
    PyObject *in_bag, *explain;
    double total, bag_share, pp, cov, generic_weight;
    if (!PyArg_ParseTuple(args, "OO!O!O!OOO!O!O!O!ddddd:bounds", &pis, &PyList_Type,
                          &tokens_of, &PyList_Type, &entry_of, &PyList_Type,
                          &weight_of, &qset, &skip, &PyDict_Type, &idf,
                          &PyDict_Type, &qweight, &PyDict_Type, &in_bag,
                          &PyList_Type, &explain, &total, &bag_share, &pp, &cov,
                          &generic_weight))
        return NULL;
    uint64_t mask[4];
    hash_filter(qweight, mask);
    PyObject *out = PyList_New(0);
    PyObject *it = PyObject_GetIter(pis);
    PyObject *pi = NULL;
    /* phrasing i's columns, held: Python code run below (an __eq__, a
     * __contains__) could shrink the lists */
    PyObject *tokens = NULL, *entry = NULL, *weight_item = NULL;
    if (out == NULL || it == NULL)
        goto fail;
    while ((pi = PyIter_Next(it)) != NULL) {
        Py_ssize_t i = PyNumber_AsSsize_t(pi, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred())
            goto fail;
        if (i < 0)
            i += PyList_GET_SIZE(tokens_of);
        if (i < 0 || i >= PyList_GET_SIZE(tokens_of)
            || i >= PyList_GET_SIZE(entry_of) || i >= PyList_GET_SIZE(weight_of)) {
            PyErr_SetString(PyExc_IndexError, "list index out of range");
            goto fail;
        }
        Py_XSETREF(tokens, Py_NewRef(PyList_GET_ITEM(tokens_of, i)));
        Py_XSETREF(entry, Py_NewRef(PyList_GET_ITEM(entry_of, i)));
        Py_XSETREF(weight_item, Py_NewRef(PyList_GET_ITEM(weight_of, i)));
        double m, mq;
        Py_ssize_t n = shared_sums(tokens, qset, idf, qweight, mask, &m, &mq);
        if (n < 0)
            goto fail;
        int is_skip = 0;
        if (n > 0) {
            is_skip = skip == Py_None ? 0 : PyObject_RichCompareBool(pi, skip, Py_EQ);
            if (is_skip < 0)
                goto fail;
        }
        if (n == 0 || is_skip) {
            Py_CLEAR(pi);
            continue;
        }
        double bag;
        PyObject *known = PyDict_GetItemWithError(in_bag, entry);
        if (known != NULL) {
            bag = PyFloat_AsDouble(known);
            if (bag == -1.0 && PyErr_Occurred())
                goto fail;
        }
        else {
            if (PyErr_Occurred())
                goto fail;
            /* sum([w for t, w in qweight.items() if t in words]): from int 0,
             * a float once a weight is added. */
            PyObject *words = PyObject_GetItem(explain, entry);
            if (words == NULL)
                goto fail;
            Py_ssize_t pos = 0;
            PyObject *qt, *qw;
            double sum = 0.0;
            int any = 0;
            while (PyDict_Next(qweight, &pos, &qt, &qw)) {
                Py_INCREF(qt); /* held: __contains__ could free them */
                Py_INCREF(qw);
                int in = PySequence_Contains(words, qt);
                if (in > 0) {
                    sum += PyFloat_AsDouble(qw);
                    any = 1;
                }
                Py_DECREF(qt);
                Py_DECREF(qw);
                if (in < 0 || PyErr_Occurred()) {
                    Py_DECREF(words);
                    goto fail;
                }
            }
            Py_DECREF(words);
            if (PyErr_Occurred())
                goto fail;
            PyObject *value = any ? PyFloat_FromDouble(sum) : PyLong_FromLong(0);
            if (value == NULL || PyDict_SetItem(in_bag, entry, value) < 0) {
                Py_XDECREF(value);
                goto fail;
            }
            Py_DECREF(value);
            bag = sum;
        }
        double weight = PyFloat_AsDouble(weight_item);
        if (weight == -1.0 && PyErr_Occurred())
            goto fail;
        if (total == 0.0 || weight == 0.0) {
            PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
            goto fail;
        }
        double precision = (mq + bag_share * (bag - mq)) / total;
        double a, b, bound;
        if (py_pow(m / weight, cov, &a) < 0 || py_pow(precision, pp, &b) < 0)
            goto fail;
        bound = a * b;
        if (precision < 0.999 && weight < generic_weight) {
            double c;
            if (py_pow(weight / generic_weight, 0.5, &c) < 0)
                goto fail;
            bound *= c;
        }
        PyObject *neg = PyFloat_FromDouble(-bound);
        if (neg == NULL)
            goto fail;
        PyObject *item = PyTuple_New(2);
        if (item == NULL) {
            Py_DECREF(neg);
            goto fail;
        }
        PyTuple_SET_ITEM(item, 0, neg);
        PyTuple_SET_ITEM(item, 1, pi); /* the tuple takes our reference */
        pi = NULL;
        int appended = PyList_Append(out, item);
        Py_DECREF(item);
        if (appended < 0)
            goto fail;
    }
    if (PyErr_Occurred())
        goto fail;
    Py_DECREF(it);
    Py_XDECREF(tokens);
    Py_XDECREF(entry);
    Py_XDECREF(weight_item);
    return out;
fail:
    Py_XDECREF(pi);
    Py_XDECREF(it);
    Py_XDECREF(out);
    Py_XDECREF(tokens);
    Py_XDECREF(entry);
    Py_XDECREF(weight_item);
    return NULL;
}


/* Counts the features of a list that the table holds, as Counter(features)
 * would (first occurrence order), without building the Counter: fills
 * ``order`` with the entries met, in that order, their counts left in
 * t->seen (the caller sets them back to zero). Returns how many, -1 on
 * error (the counts already set back). */
static Py_ssize_t
count_features(Table *t, PyObject *features, int32_t **order)
{
    Py_ssize_t n = PyList_GET_SIZE(features), m = 0;
    if (n > INT32_MAX) { /* the counts are int32_t */
        PyErr_SetString(PyExc_OverflowError, "too many features");
        return -1;
    }
    *order = PyMem_New(int32_t, n > 0 ? n : 1);
    if (*order == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        /* Only strings hashed and compared as str: then no Python code runs
         * here, so neither the list nor t->seen can change under us (another
         * thread, or a nested call on the same table). */
        PyObject *feature = PyList_GET_ITEM(features, i);
        int error = 0;
        Entry *e = NULL;
        if (PyUnicode_CheckExact(feature)
            || (PyUnicode_Check(feature)
                && Py_TYPE(feature)->tp_hash == PyUnicode_Type.tp_hash
                && Py_TYPE(feature)->tp_richcompare == PyUnicode_Type.tp_richcompare))
            e = table_lookup(t, feature, &error);
        else {
            PyErr_Format(PyExc_TypeError, "features are str, not %.100s",
                         Py_TYPE(feature)->tp_name);
            error = 1;
        }
        if (error) {
            for (Py_ssize_t j = 0; j < m; j++)
                t->seen[(*order)[j]] = 0;
            PyMem_Free(*order);
            *order = NULL;
            return -1;
        }
        if (e == NULL)
            continue;
        int32_t k = (int32_t)(e - t->entries);
        if (t->seen[k]++ == 0)
            (*order)[m++] = k;
    }
    return m;
}

/* safety_grams(grams, table) -> (square, dot): safety_block(Counter(grams),
 * table) for a Table of kind 0, counted without the Counter. */
static PyObject *
safety_grams(PyObject *self, PyObject *args)
{
    PyObject *grams;
    Table *t;
    if (!PyArg_ParseTuple(args, "O!O!:safety_grams", &PyList_Type, &grams,
                          &TableType, &t))
        return NULL;
    if (t->kind != 0) {
        PyErr_SetString(PyExc_ValueError, "a Table of kind 0");
        return NULL;
    }
    int32_t *order;
    Py_ssize_t m = count_features(t, grams, &order);
    if (m < 0)
        return NULL;
    double square = 0.0, dot = 0.0;
    for (Py_ssize_t j = 0; j < m; j++) {
        Entry *e = &t->entries[order[j]];
        int32_t count = t->seen[order[j]];
        t->seen[order[j]] = 0;
        if (count == 1) {
            square += e->s[2];
            dot += e->s[1];
        }
        else {
            double c = (double)count;
            square += (c * e->s[0]) * (c * e->s[0]); /* x * x, as _block_sums */
            dot += c * e->s[1];
        }
    }
    PyMem_Free(order);
    return Py_BuildValue("(dd)", square, dot);
}

/* classifier_grams(features, table, k) -> (acc, squares):
 * classifier_block(Counter(features), table, k) for a Table of kind 1,
 * counted without the Counter. */
static PyObject *
classifier_grams(PyObject *self, PyObject *args)
{
    PyObject *features;
    Table *t;
    Py_ssize_t k;
    if (!PyArg_ParseTuple(args, "O!O!n:classifier_grams", &PyList_Type, &features,
                          &TableType, &t, &k))
        return NULL;
    if (t->kind != 1) {
        PyErr_SetString(PyExc_ValueError, "a Table of kind 1");
        return NULL;
    }
    if (k < 0)
        k = 0; /* [0.0] * k */
    double *acc = zeroed_sums(k);
    if (acc == NULL)
        return NULL;
    int32_t *order;
    Py_ssize_t m = count_features(t, features, &order);
    if (m < 0) {
        PyMem_Free(acc);
        return NULL;
    }
    double squares = 0.0;
    int failed = 0;
    for (Py_ssize_t j = 0; j < m; j++) {
        Entry *e = &t->entries[order[j]];
        int32_t count = t->seen[order[j]];
        t->seen[order[j]] = 0;
        if (failed)
            continue; /* still setting the counts back */
        double v = 0.0;
        if (count == 1) {
            squares += e->s[2];
        }
        else {
            v = (1.0 + log((double)count)) * e->s[0];
            squares += v * v;
        }
        for (Py_ssize_t p = 0; p < e->count; p++) {
            Pair *q = &t->pairs[e->first + p];
            if (q->cls < 0 || q->cls >= k) {
                failed = 1;
                break;
            }
            if (count == 1)
                acc[q->cls] += q->x;
            else
                acc[q->cls] += v * q->w;
        }
    }
    PyMem_Free(order);
    PyObject *result = NULL;
    if (failed) {
        PyErr_SetString(PyExc_IndexError, "class out of range");
        goto done;
    }
    result = class_sums(acc, k, squares);
done:
    PyMem_Free(acc);
    return result;
}

/* -- the matcher's heap of phrasings and entry streams ---------------------
 * drain(heap, by_weight, candidates, rare, common_idf, share, visit, kth,
 *       args, batch, cap_margin): the loop of Matcher._score_tokens after its
 * first bounds, with the same pops in the same order. ``heap`` holds
 * (-bound, phrasing) pairs; with ``by_weight`` (each entry's phrasings,
 * lightest first) each entry gets a stream of its phrasings in
 * ``candidates`` and not in ``rare``, keyed (-cap, -1, entry) as the Python
 * tuples are; ``args`` are bounds()'s arguments after the phrasings.
 * ``visit`` is the tuple drain_visit reads (the visit is made here); the
 * new kth is returned. Every key is a distinct
 * tuple, so any heap pops them in the one order heapq does. */

typedef struct {
    double key;
    Py_ssize_t tie; /* the phrasing, or -1 for a stream */
    Py_ssize_t e;   /* a stream's entry */
    Py_ssize_t pi;  /* a stream's next phrasing */
    Py_ssize_t pos; /* where the stream goes on in by_weight[e] */
    double cap;
} DrainItem;

typedef struct {
    DrainItem *items;
    Py_ssize_t n, size;
} DrainHeap;

static int
drain_less(const DrainItem *a, const DrainItem *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    if (a->tie != b->tie)
        return a->tie < b->tie;
    return a->e < b->e;
}

static int
drain_push(DrainHeap *h, DrainItem item)
{
    if (h->n == h->size) {
        Py_ssize_t size = h->size ? 2 * h->size : 64;
        DrainItem *grown = PyMem_Resize(h->items, DrainItem, size);
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        h->items = grown;
        h->size = size;
    }
    Py_ssize_t i = h->n++;
    while (i > 0) {
        Py_ssize_t parent = (i - 1) / 2;
        if (!drain_less(&item, &h->items[parent]))
            break;
        h->items[i] = h->items[parent];
        i = parent;
    }
    h->items[i] = item;
    return 0;
}

static DrainItem
drain_pop(DrainHeap *h)
{
    DrainItem top = h->items[0];
    DrainItem last = h->items[--h->n];
    Py_ssize_t i = 0;
    for (;;) {
        Py_ssize_t child = 2 * i + 1;
        if (child >= h->n)
            break;
        if (child + 1 < h->n && drain_less(&h->items[child + 1], &h->items[child]))
            child++;
        if (!drain_less(&h->items[child], &last))
            break;
        h->items[i] = h->items[child];
        i = child;
    }
    if (h->n > 0)
        h->items[i] = last;
    return top;
}

/* x ** y as Python's float power computes it (pow() for a positive finite
 * base, Python itself otherwise); -1 on error. */
static int
drain_pow(double x, double y, double *out)
{
    if (x > 0.0 && isfinite(x) && isfinite(y)) {
        *out = y == 1.0 ? x : pow(x, y); /* as py_pow */
        if (isfinite(*out))
            return 0;
    }
    PyObject *a = PyFloat_FromDouble(x), *b = PyFloat_FromDouble(y), *r = NULL;
    if (a != NULL && b != NULL)
        r = PyNumber_Power(a, b, Py_None);
    Py_XDECREF(a);
    Py_XDECREF(b);
    if (r == NULL)
        return -1;
    *out = PyFloat_AsDouble(r);
    Py_DECREF(r);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

/* (-bound, phrasing) pairs from a list onto the heap; -1 on error. */
static int
drain_push_bounds(DrainHeap *h, PyObject *list)
{
    if (!PyList_Check(list)) {
        PyErr_SetString(PyExc_TypeError, "bounds gave no list");
        return -1;
    }
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(list); i++) {
        PyObject *pair = PyList_GET_ITEM(list, i);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
            PyErr_SetString(PyExc_TypeError, "a (-bound, phrasing) pair");
            return -1;
        }
        double key = PyFloat_AsDouble(PyTuple_GET_ITEM(pair, 0));
        if (key == -1.0 && PyErr_Occurred())
            return -1;
        Py_ssize_t pi = PyNumber_AsSsize_t(PyTuple_GET_ITEM(pair, 1), PyExc_IndexError);
        if (pi == -1 && PyErr_Occurred())
            return -1;
        if (pi < 0) {
            PyErr_SetString(PyExc_ValueError, "a negative phrasing");
            return -1;
        }
        DrainItem item = {key, pi, 0, pi, 0, 0.0};
        if (drain_push(h, item) < 0)
            return -1;
    }
    return 0;
}

/* The stream's next phrasing from *pos on (in candidates, not in rare), its
 * number in *pi and the list's item in *obj (borrowed); 0 at the end, -1 on
 * error. */
static int
drain_next(PyObject *own, Py_ssize_t *pos, PyObject *candidates, PyObject *rare,
           Py_ssize_t *pi, PyObject **obj)
{
    while (*pos < PyList_GET_SIZE(own)) {
        PyObject *p = PyList_GET_ITEM(own, *pos);
        (*pos)++;
        int in = PySet_Contains(candidates, p);
        if (in < 0)
            return -1;
        if (!in)
            continue;
        int out = PySet_Contains(rare, p);
        if (out < 0)
            return -1;
        if (out)
            continue;
        *pi = PyNumber_AsSsize_t(p, PyExc_IndexError);
        if (*pi == -1 && PyErr_Occurred())
            return -1;
        if (*pi < 0) {
            PyErr_SetString(PyExc_ValueError, "a negative phrasing");
            return -1;
        }
        *obj = p;
        return 1;
    }
    return 0;
}

/* A stream at the cap of its next phrasing: (common_idf / weight) ** cov * cap. */
static int
drain_stream(DrainHeap *h, PyObject *weight_of, double common_idf, double cov,
             Py_ssize_t e, Py_ssize_t pi, Py_ssize_t pos, double cap)
{
    if (pi >= PyList_GET_SIZE(weight_of)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    double weight = PyFloat_AsDouble(PyList_GET_ITEM(weight_of, pi));
    if (weight == -1.0 && PyErr_Occurred())
        return -1;
    if (weight == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return -1;
    }
    double here;
    if (drain_pow(common_idf / weight, cov, &here) < 0)
        return -1;
    DrainItem item = {-(here * cap), -1, e, pi, pos, cap};
    return drain_push(h, item);
}

/* bounds(pis, *args) for the phrasings in pis (a new list). */
static PyObject *
drain_bounds(PyObject *pis, PyObject *args)
{
    Py_ssize_t n = PyTuple_GET_SIZE(args);
    PyObject *full = PyTuple_New(n + 1);
    if (full == NULL)
        return NULL;
    Py_INCREF(pis);
    PyTuple_SET_ITEM(full, 0, pis);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *a = PyTuple_GET_ITEM(args, i);
        Py_INCREF(a);
        PyTuple_SET_ITEM(full, i + 1, a);
    }
    PyObject *out = bounds(NULL, full);
    Py_DECREF(full);
    return out;
}

/* -- visiting a phrasing in C (drain's visit given as a tuple) --------------
 * (entry_of, texts, query, ratio, fuzz_rest, fuzz_share, factor, best,
 * last_best, top_k): the visit of Matcher._score_tokens, the same
 * operations in the same order; returns the new kth, or -1 with an error set
 * (*failed). */
typedef struct {
    PyObject *entry_of, *texts, *query, *ratio, *factor, *best, *last_best, *kwargs;
    double rest, share;
    Py_ssize_t top_k;
} DrainVisit;

static int
drain_visit_parse(PyObject *spec, DrainVisit *v)
{
    if (!PyArg_ParseTuple(spec, "O!O!UOddOO!O!n:visit", &PyList_Type, &v->entry_of,
                          &PyList_Type, &v->texts, &v->query, &v->ratio, &v->rest,
                          &v->share, &v->factor, &PyDict_Type, &v->best,
                          &PyDict_Type, &v->last_best, &v->top_k))
        return -1;
    if (v->top_k < 1) {
        PyErr_SetString(PyExc_ValueError, "top_k < 1");
        return -1;
    }
    v->kwargs = Py_BuildValue("{s:O}", "processor", Py_None);
    return v->kwargs == NULL ? -1 : 0;
}

/* best.get(e, 0.0) as a double; -1 on error. */
static int
drain_best(PyObject *best, PyObject *e, double *out)
{
    PyObject *got = PyDict_GetItemWithError(best, e);
    if (got == NULL) {
        *out = 0.0;
        return PyErr_Occurred() ? -1 : 0;
    }
    *out = PyFloat_AsDouble(got);
    return (*out == -1.0 && PyErr_Occurred()) ? -1 : 0;
}

static int
drain_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static int
drain_visit_entry(DrainVisit *v, PyObject *e, double bound, Py_ssize_t pi,
                  double *kth);

/* The visit of phrasing pi; its entry held while Python code (the ratio) runs. */
static int
drain_visit(DrainVisit *v, double bound, Py_ssize_t pi, double *kth)
{
    if (pi >= PyList_GET_SIZE(v->entry_of) || pi >= PyList_GET_SIZE(v->texts)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    PyObject *e = PyList_GET_ITEM(v->entry_of, pi);
    Py_INCREF(e);
    int result = drain_visit_entry(v, e, bound, pi, kth);
    Py_DECREF(e);
    return result;
}

static int
drain_visit_entry(DrainVisit *v, PyObject *e, double bound, Py_ssize_t pi,
                  double *kth)
{
    double had;
    if (drain_best(v->best, e, &had) < 0)
        return -1;
    if (bound <= had)
        return 0; /* this entry already has a better phrasing */
    if (pi >= PyList_GET_SIZE(v->texts)) {
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    PyObject *pair = PyTuple_Pack(2, v->query, PyList_GET_ITEM(v->texts, pi));
    if (pair == NULL)
        return -1;
    PyObject *r = PyObject_Call(v->ratio, pair, v->kwargs);
    Py_DECREF(pair);
    if (r == NULL)
        return -1;
    double ratio = PyFloat_AsDouble(r);
    Py_DECREF(r);
    if (ratio == -1.0 && PyErr_Occurred())
        return -1;
    double sim = ratio / 100.0;
    double s = bound * (v->rest + v->share * sim);
    if (v->factor != Py_None) {
        Py_ssize_t i = PyNumber_AsSsize_t(e, PyExc_IndexError);
        if (i == -1 && PyErr_Occurred())
            return -1;
        PyObject *f = PySequence_GetItem(v->factor, i);
        if (f == NULL)
            return -1;
        double x = PyFloat_AsDouble(f);
        Py_DECREF(f);
        if (x == -1.0 && PyErr_Occurred())
            return -1;
        s *= x;
    }
    if (drain_best(v->best, e, &had) < 0)
        return -1;
    if (!(s > had))
        return 0;
    PyObject *score = PyFloat_FromDouble(s);
    if (score == NULL)
        return -1;
    int failed = PyDict_SetItem(v->best, e, score);
    Py_DECREF(score);
    if (failed < 0)
        return -1;
    PyObject *phrasing = PyLong_FromSsize_t(pi);
    if (phrasing == NULL)
        return -1;
    failed = PyDict_SetItem(v->last_best, e, phrasing);
    Py_DECREF(phrasing);
    if (failed < 0)
        return -1;
    Py_ssize_t n = PyDict_GET_SIZE(v->best);
    if (n >= v->top_k) {
        /* sorted(best.values(), reverse=True)[top_k - 1] */
        double *values = PyMem_New(double, n);
        if (values == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        Py_ssize_t pos = 0, j = 0;
        PyObject *key, *value;
        while (PyDict_Next(v->best, &pos, &key, &value)) {
            values[j] = PyFloat_AsDouble(value);
            if (values[j] == -1.0 && PyErr_Occurred()) {
                PyMem_Free(values);
                return -1;
            }
            j++;
        }
        qsort(values, n, sizeof(double), drain_desc);
        *kth = values[v->top_k - 1];
        PyMem_Free(values);
    }
    return 0;
}

static PyObject *
drain(PyObject *self, PyObject *args)
{
    PyObject *start, *by_weight, *candidates, *rare, *visit, *bargs;
    double common_idf, share, kth, cap_margin;
    Py_ssize_t batch;
    if (!PyArg_ParseTuple(args, "O!OO!O!ddO!dO!nd:drain", &PyList_Type, &start,
                          &by_weight, &PySet_Type, &candidates, &PySet_Type, &rare,
                          &common_idf, &share, &PyTuple_Type, &visit, &kth,
                          &PyTuple_Type, &bargs,
                          &batch, &cap_margin))
        return NULL;
    /* bounds()'s arguments after the phrasings: tokens_of, entry_of,
     * weight_of, qset, skip, idf, qweight, in_bag, explain, total, bag_share,
     * pp, cov, generic_weight. */
    if (PyTuple_GET_SIZE(bargs) != 14 || !PyList_Check(PyTuple_GET_ITEM(bargs, 2))
        || !PyDict_Check(PyTuple_GET_ITEM(bargs, 7))) {
        PyErr_SetString(PyExc_TypeError, "bounds()'s 14 arguments");
        return NULL;
    }
    if (by_weight != Py_None && !PyList_Check(by_weight)) {
        PyErr_SetString(PyExc_TypeError, "by_weight: a list or None");
        return NULL;
    }
    if (batch < 1) {
        PyErr_SetString(PyExc_ValueError, "batch < 1");
        return NULL;
    }
    PyObject *weight_of = PyTuple_GET_ITEM(bargs, 2);
    PyObject *in_bag = PyTuple_GET_ITEM(bargs, 7);
    double pp = PyFloat_AsDouble(PyTuple_GET_ITEM(bargs, 11));
    if (pp == -1.0 && PyErr_Occurred())
        return NULL;
    double cov = PyFloat_AsDouble(PyTuple_GET_ITEM(bargs, 12));
    if (cov == -1.0 && PyErr_Occurred())
        return NULL;
    DrainHeap h = {NULL, 0, 0};
    PyObject *pis = NULL, *held = NULL;
    DrainVisit v = {NULL};
    if (drain_visit_parse(visit, &v) < 0)
        return NULL;
    if (drain_push_bounds(&h, start) < 0)
        goto fail;
    if (by_weight != Py_None) {
        for (Py_ssize_t e = 0; e < PyList_GET_SIZE(by_weight); e++) {
            PyObject *own = PyList_GET_ITEM(by_weight, e);
            if (!PyList_Check(own)) {
                PyErr_SetString(PyExc_TypeError, "by_weight: lists");
                goto fail;
            }
            Py_ssize_t pos = 0, pi;
            PyObject *obj;
            int found = drain_next(own, &pos, candidates, rare, &pi, &obj);
            if (found < 0)
                goto fail;
            if (!found)
                continue;
            PyObject *key = PyLong_FromSsize_t(e);
            if (key == NULL)
                goto fail;
            PyObject *known = PyDict_GetItemWithError(in_bag, key);
            Py_DECREF(key);
            double bag = 0.0;
            if (known != NULL) {
                bag = PyFloat_AsDouble(known);
                if (bag == -1.0 && PyErr_Occurred())
                    goto fail;
            }
            else if (PyErr_Occurred())
                goto fail;
            double cap;
            if (drain_pow(share * bag, pp, &cap) < 0)
                goto fail;
            if (drain_stream(&h, weight_of, common_idf, cov, e, pi, pos,
                             cap * cap_margin) < 0)
                goto fail;
        }
    }
    while (h.n > 0) {
        DrainItem item = drain_pop(&h);
        if (-item.key <= kth)
            break; /* no phrasing left can change the top entries */
        if (item.tie >= 0) {
            if (drain_visit(&v, -item.key, item.tie, &kth) < 0)
                goto fail;
            continue;
        }
        /* An entry's stream: the bounds of its next few phrasings. */
        if (item.e >= PyList_GET_SIZE(by_weight)) {
            PyErr_SetString(PyExc_IndexError, "list index out of range");
            goto fail;
        }
        PyObject *own = PyList_GET_ITEM(by_weight, item.e);
        Py_INCREF(own);
        held = own; /* while bounds() runs */
        pis = PyList_New(0);
        if (pis == NULL)
            goto fail;
        PyObject *first = PyLong_FromSsize_t(item.pi);
        if (first == NULL || PyList_Append(pis, first) < 0) {
            Py_XDECREF(first);
            goto fail;
        }
        Py_DECREF(first);
        Py_ssize_t pos = item.pos, pi;
        PyObject *obj;
        int found = 1;
        while (PyList_GET_SIZE(pis) < batch) {
            found = drain_next(own, &pos, candidates, rare, &pi, &obj);
            if (found < 0)
                goto fail;
            if (!found)
                break;
            if (PyList_Append(pis, obj) < 0)
                goto fail;
        }
        PyObject *got = drain_bounds(pis, bargs);
        Py_CLEAR(pis);
        if (got == NULL)
            goto fail;
        int pushed = drain_push_bounds(&h, got);
        Py_DECREF(got);
        if (pushed < 0)
            goto fail;
        if (found)
            found = drain_next(own, &pos, candidates, rare, &pi, &obj);
        if (found < 0)
            goto fail;
        if (found && drain_stream(&h, weight_of, common_idf, cov, item.e, pi, pos,
                                  item.cap) < 0)
            goto fail;
        Py_CLEAR(held);
    }
    PyMem_Free(h.items);
    Py_XDECREF(v.kwargs);
    return PyFloat_FromDouble(kth);
fail:
    Py_XDECREF(pis);
    Py_XDECREF(held);
    PyMem_Free(h.items);
    Py_XDECREF(v.kwargs);
    return NULL;
}

/* bag_sums(qweight, explainers, n) -> {entry: sum}: Matcher._bags, each
 * entry's weights summed from 0.0 in qweight's order (as sum() of the list
 * of them), the entries in the order first met; entries are 0 <= e < n. */
static PyObject *
bag_sums(PyObject *self, PyObject *args)
{
    PyObject *qweight, *explainers;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "O!O!n:bag_sums", &PyDict_Type, &qweight,
                          &PyDict_Type, &explainers, &n))
        return NULL;
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "n < 0");
        return NULL;
    }
    double *acc = PyMem_New(double, n > 0 ? n : 1);
    Py_ssize_t *order = PyMem_New(Py_ssize_t, n > 0 ? n : 1);
    char *met = PyMem_Calloc(n > 0 ? n : 1, 1);
    PyObject *out = NULL;
    Py_ssize_t m = 0;
    if (acc == NULL || order == NULL || met == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t pos = 0;
    PyObject *t, *w;
    while (PyDict_Next(qweight, &pos, &t, &w)) {
        if (!PyFloat_CheckExact(w)) {
            PyErr_SetString(PyExc_TypeError, "weights are floats");
            goto done;
        }
        double x = PyFloat_AS_DOUBLE(w);
        PyObject *es = PyDict_GetItemWithError(explainers, t);
        if (es == NULL) {
            if (PyErr_Occurred())
                goto done;
            continue;
        }
        if (!PyList_Check(es)) {
            PyErr_SetString(PyExc_TypeError, "explainers: lists of entries");
            goto done;
        }
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(es); j++) {
            Py_ssize_t e = PyNumber_AsSsize_t(PyList_GET_ITEM(es, j), PyExc_IndexError);
            if (e == -1 && PyErr_Occurred())
                goto done;
            if (e < 0 || e >= n) {
                PyErr_SetString(PyExc_IndexError, "entry out of range");
                goto done;
            }
            if (!met[e]) {
                met[e] = 1;
                acc[e] = 0.0;
                order[m++] = e;
            }
            acc[e] += x;
        }
    }
    out = PyDict_New();
    if (out == NULL)
        goto done;
    for (Py_ssize_t j = 0; j < m; j++) {
        PyObject *key = PyLong_FromSsize_t(order[j]);
        PyObject *value = key ? PyFloat_FromDouble(acc[order[j]]) : NULL;
        int failed = value == NULL || PyDict_SetItem(out, key, value) < 0;
        Py_XDECREF(key);
        Py_XDECREF(value);
        if (failed) {
            Py_CLEAR(out);
            goto done;
        }
    }
done:
    PyMem_Free(acc);
    PyMem_Free(order);
    PyMem_Free(met);
    return out;
}

/* -- joining split words (matching.Analyzer._joined) ------------------------ */

/* Whether every character of ``w`` is a letter, as str.isalpha reads each
 * (True for "": a window's joined string is never empty). */
static int
all_alpha(PyObject *w)
{
    int kind = PyUnicode_KIND(w);
    const void *data = PyUnicode_DATA(w);
    Py_ssize_t n = PyUnicode_GET_LENGTH(w);
    for (Py_ssize_t k = 0; k < n; k++) {
        if (!Py_UNICODE_ISALPHA(PyUnicode_READ(kind, data, k)))
            return 0;
    }
    return 1;
}

/* Analyzer._join_at at position ``i`` of ``words`` (a tuple of str): appends
 * to ``out`` the word there, or what the window of three or two words there
 * spells (``meant`` of the window's words, when not None), and returns the
 * next position; -1 on error. */
static Py_ssize_t
join_at(PyObject *words, Py_ssize_t i, const Py_ssize_t *sizes, const char *known,
        const char *alpha, PyObject *shapes, Py_ssize_t join_min, PyObject *meant,
        PyObject *out)
{
    Py_ssize_t count = PyTuple_GET_SIZE(words);
    for (Py_ssize_t n = 3; n >= 2; n--) {
        if (i + n > count)
            continue;
        if (known[i] && known[i + 1] && (n == 2 || known[i + 2]))
            continue;
        Py_ssize_t size = sizes[i] + sizes[i + 1] + (n == 3 ? sizes[i + 2] : 0);
        if (size < join_min)
            continue;
        PyObject *first = PyTuple_GET_ITEM(words, i);
        if (PyUnicode_GET_LENGTH(first) == 0) {
            PyErr_SetString(PyExc_IndexError, "string index out of range");
            return -1;
        }
        PyObject *key = Py_BuildValue(
            "(Nn)", PyUnicode_FromOrdinal(PyUnicode_READ_CHAR(first, 0)), size);
        if (key == NULL)
            return -1;
        int in = PySequence_Contains(shapes, key);
        Py_DECREF(key);
        if (in < 0)
            return -1;
        if (!in)
            continue;
        /* "".join(window).isalpha(), the window never empty (its first word
         * is not) */
        if (!alpha[i] || !alpha[i + 1] || (n == 3 && !alpha[i + 2]))
            continue;
        PyObject *part = PyTuple_GetSlice(words, i, i + n);
        if (part == NULL)
            return -1;
        PyObject *got = PyObject_CallOneArg(meant, part);
        Py_DECREF(part);
        if (got == NULL)
            return -1;
        if (got == Py_None) {
            Py_DECREF(got);
            continue;
        }
        if (!PyUnicode_Check(got)) {
            Py_DECREF(got);
            PyErr_SetString(PyExc_TypeError, "meant() returns a str or None");
            return -1;
        }
        int failed = PyList_Append(out, got);
        Py_DECREF(got);
        return failed ? -1 : i + n;
    }
    if (PyList_Append(out, PyTuple_GET_ITEM(words, i)) < 0)
        return -1;
    return i + 1;
}

/* join_words(words, vocabulary, shapes, join_min, meant) -> list:
 * Analyzer._joined's walk, the same windows tried in the same order: a
 * window of two or three words, one of them not in ``vocabulary``, whose
 * lengths add up to ``join_min`` or more, whose (first letter, length) is in
 * ``shapes`` and whose joined string is letters only, is passed to ``meant``
 * as a tuple; a str back replaces the window's words. */
static PyObject *
join_words(PyObject *self, PyObject *args)
{
    PyObject *list, *vocabulary, *shapes, *meant;
    Py_ssize_t join_min;
    if (!PyArg_ParseTuple(args, "O!OOnO:join_words", &PyList_Type, &list,
                          &vocabulary, &shapes, &join_min, &meant))
        return NULL;
    /* A tuple of its own: ``meant`` could change the caller's list. */
    PyObject *words = PyList_AsTuple(list);
    if (words == NULL)
        return NULL;
    Py_ssize_t count = PyTuple_GET_SIZE(words);
    PyObject *out = NULL;
    Py_ssize_t *sizes = PyMem_New(Py_ssize_t, count + 2);
    char *known = PyMem_Malloc(count + 2);
    char *alpha = PyMem_Malloc(count + 2);
    if (sizes == NULL || known == NULL || alpha == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j < count; j++) {
        PyObject *w = PyTuple_GET_ITEM(words, j);
        if (!PyUnicode_Check(w)) {
            PyErr_SetString(PyExc_TypeError, "words are str");
            goto done;
        }
        if (PyUnicode_READY(w) < 0)
            goto done;
        sizes[j] = PyUnicode_GET_LENGTH(w);
        alpha[j] = (char)all_alpha(w);
    }
    for (Py_ssize_t j = 0; j < count; j++) {
        int in = PySequence_Contains(vocabulary, PyTuple_GET_ITEM(words, j));
        if (in < 0)
            goto done;
        known[j] = (char)in;
    }
    /* Past the end, "known": a window that does not exist is not tried. */
    sizes[count] = sizes[count + 1] = 0;
    known[count] = known[count + 1] = 1;
    alpha[count] = alpha[count + 1] = 1;
    out = PyList_New(0);
    if (out == NULL)
        goto done;
    Py_ssize_t i = 0;
    for (Py_ssize_t u = 0; u < count; u++) {
        if (known[u] || u < i)
            continue;
        for (; i < u - 2; i++) {
            if (PyList_Append(out, PyTuple_GET_ITEM(words, i)) < 0)
                goto fail;
        }
        while (i <= u) {
            i = join_at(words, i, sizes, known, alpha, shapes, join_min, meant, out);
            if (i < 0)
                goto fail;
        }
    }
    for (; i < count; i++) {
        if (PyList_Append(out, PyTuple_GET_ITEM(words, i)) < 0)
            goto fail;
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyMem_Free(sizes);
    PyMem_Free(known);
    PyMem_Free(alpha);
    Py_DECREF(words);
    return out;
}

static PyMethodDef methods[] = {
    {"deletion_in", deletion_in, METH_VARARGS,
     "Whether deleting up to depth (1 or 2) letters of word makes a key."},
    {"common_edit", common_edit, METH_VARARGS,
     "The commonest English word one edit from word, or None."},
    {"word_filter", word_filter, METH_VARARGS,
     "A bitmap of the words' hashes, for common_edit."},
    {"safety_block", safety_block, METH_VARARGS,
     "The crisis model's block sums: (square, dot)."},
    {"classifier_block", classifier_block, METH_VARARGS,
     "One classifier block's sums: (per-class list, squares)."},
    {"safety_grams", safety_grams, METH_VARARGS,
     "safety_block(Counter(grams), table) for a packed table, without the Counter."},
    {"classifier_grams", classifier_grams, METH_VARARGS,
     "classifier_block(Counter(features), table, k) for a packed table."},
    {"bounds", bounds, METH_VARARGS,
     "The matcher's bound for each phrasing sharing a token with the message."},
    {"bag_sums", bag_sums, METH_VARARGS,
     "Matcher._bags: each entry's weights of the message's words, summed."},
    {"drain", drain, METH_VARARGS,
     "The matcher's heap of phrasings and entry streams, visited in heapq's order."},
    {"join_words", join_words, METH_VARARGS,
     "Analyzer._joined's walk: split words joined back where meant() says."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "faqbot._speedups",
    "The ask's hottest loops in C (see the pure-Python fallbacks).", -1, methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    if (PyType_Ready(&TableType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&TableType);
    if (PyModule_AddObject(m, "Table", (PyObject *)&TableType) < 0) {
        Py_DECREF(&TableType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
