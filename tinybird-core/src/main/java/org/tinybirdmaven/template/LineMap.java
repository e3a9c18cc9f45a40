package org.tinybirdmaven.template;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tinybirdmaven.syntax.SyntaxException;

/**
 * Translates offsets of one source text into lines and columns, counting {@code \n} only, like
 * {@link SyntaxException#at}.
 */
final class LineMap {
    private final int[] lineStarts;

    LineMap(String source) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < source.length(); i++) {
            if (source.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    SourcePosition position(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        int line = index >= 0 ? index : -index - 2;
        return new SourcePosition(offset, line + 1, offset - lineStarts[line] + 1);
    }

    SyntaxException error(int offset, String reason) {
        SourcePosition position = position(offset);
        return new SyntaxException(reason, position.line(), position.column());
    }
}
