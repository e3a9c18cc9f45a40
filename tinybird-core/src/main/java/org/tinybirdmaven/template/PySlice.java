package org.tinybirdmaven.template;

/** A slice {@code lower:upper:step}; parts are template values ({@link PyNone} when omitted). */
record PySlice(Object start, Object stop, Object step) {

    /** CPython's {@code PySlice_GetIndicesEx}: {start, stop, step, number of elements}. */
    long[] indices(PyRuntime runtime, long length) {
        long step = this.step instanceof PyNone ? 1 : bound(this.step);
        if (step == 0) {
            throw PyError.of(PyType.VALUE_ERROR, "slice step cannot be zero");
        }
        long start;
        long stop;
        if (this.start instanceof PyNone) {
            start = step < 0 ? length - 1 : 0;
        } else {
            start = adjust(bound(this.start), length, step);
        }
        if (this.stop instanceof PyNone) {
            stop = step < 0 ? -1 : length;
        } else {
            stop = adjust(bound(this.stop), length, step);
        }
        long count;
        if (step > 0) {
            count = start < stop ? (stop - start - 1) / step + 1 : 0;
        } else {
            count = stop < start ? (start - stop - 1) / -step + 1 : 0;
        }
        return new long[] {start, stop, step, count};
    }

    private static long adjust(long index, long length, long step) {
        if (index < 0) {
            index += length;
            if (index < 0) {
                index = step < 0 ? -1 : 0;
            }
        } else if (index >= length) {
            index = step < 0 ? length - 1 : length;
        }
        return index;
    }

    private static long bound(Object value) {
        return PyRuntime.indexValue(value, "slice indices must be integers or None or have an __index__ method");
    }
}
