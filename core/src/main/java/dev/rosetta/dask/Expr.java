package dev.rosetta.dask;

import java.io.Serializable;
import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A column expression, evaluated one partition at a time: what {@code df.passengers > 1} or
 * {@code df.fare * 1.2} is in pandas. Built from {@link #col column references} and
 * {@link #lit literals} with comparison, arithmetic and {@code and}/{@code or}:
 *
 * <pre>{@code
 * // Python:  df[(df.passengers > 1) & (df.fare < 50)]
 * frame.filter(col("passengers").gt(1).and(col("fare").lt(50)))
 * }</pre>
 *
 * <p><b>Checked when the query is built.</b> {@link #dtype(Schema)} works out the expression's type
 * from the frame's schema before any data is read, and fails there — on an unknown column (naming
 * the columns that exist) or on a type mismatch (naming both sides and their types) — not deep
 * inside a computation minutes later.
 *
 * <p><b>Nulls</b> propagate, as NaN does in pandas: {@code null + 1} is null, and a comparison
 * with a null is null, which {@link Frame#filter} treats as false (pandas: {@code NaN > 1} is False).
 * Arithmetic on two {@code long}s stays {@code long}, except {@code /}, which is Python's true
 * division and gives a {@code double}.
 *
 * <p>Thread-safety: immutable. The string form ({@link #toString()}) is structural, so two
 * equal expressions give equal task keys (see {@link Frame}).
 */
public sealed interface Expr extends Serializable {
    /** The type this expression has on a frame of {@code schema}; fails naming what is wrong. */
    DType dtype(Schema schema);

    /** The expression's value on every row of {@code p}. */
    Column eval(Partition p);

    /** The columns this expression reads. */
    Set<String> columns();

    /** A reference to column {@code name}: pandas' {@code df.name} / {@code df["name"]}. */
    static Expr col(String name) {
        return new Col(name);
    }

    /** A constant: a {@code Long}/{@code Integer}, {@code Double}, {@code String} or {@code Boolean}. */
    static Expr lit(Object value) {
        return new Lit(value instanceof Integer i ? Long.valueOf(i) : value);
    }

    private static Expr wrap(Object o) {
        return o instanceof Expr e ? e : lit(o);
    }

    default Expr gt(Object other) {
        return new Compare(">", this, wrap(other));
    }

    default Expr ge(Object other) {
        return new Compare(">=", this, wrap(other));
    }

    default Expr lt(Object other) {
        return new Compare("<", this, wrap(other));
    }

    default Expr le(Object other) {
        return new Compare("<=", this, wrap(other));
    }

    default Expr eq(Object other) {
        return new Compare("==", this, wrap(other));
    }

    default Expr ne(Object other) {
        return new Compare("!=", this, wrap(other));
    }

    default Expr plus(Object other) {
        return new Arith("+", this, wrap(other));
    }

    default Expr minus(Object other) {
        return new Arith("-", this, wrap(other));
    }

    default Expr times(Object other) {
        return new Arith("*", this, wrap(other));
    }

    /** Python's true division: always a {@code double}. */
    default Expr div(Object other) {
        return new Arith("/", this, wrap(other));
    }

    default Expr and(Expr other) {
        return new Logic("&", this, other);
    }

    default Expr or(Expr other) {
        return new Logic("|", this, other);
    }

    /** A column reference. @param name the column */
    record Col(String name) implements Expr {
        public DType dtype(Schema schema) {
            return schema.dtype(name);
        }

        public Column eval(Partition p) {
            return p.column(name);
        }

        public Set<String> columns() {
            return Set.of(name);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A constant. @param value a Long, Double, String or Boolean */
    record Lit(Object value) implements Expr {
        public Lit {
            if (!(value instanceof Long || value instanceof Double || value instanceof String || value instanceof Boolean)) {
                throw new IllegalArgumentException("a literal is a Long, Integer, Double, String or Boolean, not "
                        + (value == null ? "null" : value.getClass().getSimpleName() + " " + value));
            }
        }

        public DType dtype(Schema schema) {
            return switch (value) {
                case Long l -> DType.LONG;
                case Double d -> DType.DOUBLE;
                case String s -> DType.STRING;
                default -> DType.BOOLEAN;
            };
        }

        public Column eval(Partition p) {
            var b = Column.Builder.of(dtype(p.schema()), p.rows());
            for (int i = 0; i < p.rows(); i++) {
                b.appendObject(value);
            }
            return b.build();
        }

        public Set<String> columns() {
            return Set.of();
        }

        @Override
        public String toString() {
            return value instanceof String s ? "'" + s + "'" : value.toString();
        }
    }

    /** {@code left op right} for op in {@code > >= < <= == !=}: a boolean. */
    record Compare(String op, Expr left, Expr right) implements Expr {
        public DType dtype(Schema schema) {
            DType a = left.dtype(schema);
            DType b = right.dtype(schema);
            boolean comparable = (a.isNumeric() && b.isNumeric()) || a == b;
            if (!comparable || (a == DType.BOOLEAN && !op.contains("="))) {
                throw new IllegalArgumentException("TypeError: cannot compare " + left + " (" + a + ") " + op + " "
                        + right + " (" + b + "): both sides must be numbers, or both strings, in " + this);
            }
            return DType.BOOLEAN;
        }

        public Column eval(Partition p) {
            Column a = left.eval(p);
            if (right instanceof Lit(Object v) && v instanceof Number limit && a.dtype().isNumeric()) {
                return compareWithConstant(a, limit.doubleValue(), v instanceof Long l ? l : null);
            }
            Column b = right.eval(p);
            int n = p.rows();
            boolean[] outcome = outcomes();
            boolean[] out = new boolean[n];
            var nulls = new BitSet();
            for (int i = 0; i < n; i++) {
                if (a.isNull(i) || b.isNull(i)) {
                    nulls.set(i);
                    continue;
                }
                int c = switch (a) {
                    case Column.Longs la when b instanceof Column.Longs lb -> Long.compare(la.values()[i], lb.values()[i]);
                    case Column.Strings sa -> sa.values()[i].compareTo((String) b.get(i));
                    case Column.Booleans ba -> Boolean.compare(ba.values()[i], (Boolean) b.get(i));
                    default -> Double.compare(((Number) a.get(i)).doubleValue(), ((Number) b.get(i)).doubleValue());
                };
                out[i] = outcome[Integer.signum(c) + 1];
            }
            return new Column.Booleans(out, nulls);
        }

        /** The common {@code column > 1}: no column of constants, no boxing. */
        private Column compareWithConstant(Column a, double limit, Long exact) {
            int n = a.size();
            boolean[] outcome = outcomes();
            boolean[] out = new boolean[n];
            BitSet nulls;
            if (a instanceof Column.Longs la && exact != null) {
                long[] v = la.values();
                long x = exact;
                for (int i = 0; i < n; i++) {
                    out[i] = outcome[Integer.signum(Long.compare(v[i], x)) + 1];
                }
                nulls = la.nulls();
            } else {
                for (int i = 0; i < n; i++) {
                    out[i] = !a.isNull(i) && outcome[Integer.signum(Double.compare(((Number) a.get(i)).doubleValue(), limit)) + 1];
                }
                nulls = nullsOf(a, n);
            }
            return new Column.Booleans(out, nulls);
        }

        /** This comparison's answer when the left side is less than, equal to, greater than the right: decided once, not per row. */
        private boolean[] outcomes() {
            return new boolean[] {test(-1), test(0), test(1)};
        }

        private boolean test(int c) {
            return switch (op) {
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case "==" -> c == 0;
                default -> c != 0;
            };
        }

        public Set<String> columns() {
            return union(left, right);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    /** {@code left op right} for op in {@code + - * /}. */
    record Arith(String op, Expr left, Expr right) implements Expr {
        public DType dtype(Schema schema) {
            DType a = left.dtype(schema);
            DType b = right.dtype(schema);
            if (!a.isNumeric() || !b.isNumeric()) {
                throw new IllegalArgumentException("TypeError: unsupported operand types for " + op + ": " + left
                        + " (" + a + ") and " + right + " (" + b + "), in " + this + ": arithmetic needs long or double");
            }
            return a == DType.LONG && b == DType.LONG && !op.equals("/") ? DType.LONG : DType.DOUBLE;
        }

        public Column eval(Partition p) {
            Column a = left.eval(p);
            Column b = right.eval(p);
            int n = p.rows();
            var nulls = new BitSet();
            nulls.or(nullsOf(a, n));
            nulls.or(nullsOf(b, n));
            if (a instanceof Column.Longs la && b instanceof Column.Longs lb && !op.equals("/")) {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    long x = la.values()[i];
                    long y = lb.values()[i];
                    out[i] = switch (op) {
                        case "+" -> x + y;
                        case "-" -> x - y;
                        default -> x * y;
                    };
                }
                return new Column.Longs(out, nulls);
            }
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                if (nulls.get(i)) {
                    continue;
                }
                double x = ((Number) a.get(i)).doubleValue();
                double y = ((Number) b.get(i)).doubleValue();
                out[i] = switch (op) {
                    case "+" -> x + y;
                    case "-" -> x - y;
                    case "*" -> x * y;
                    default -> x / y;
                };
            }
            return new Column.Doubles(out, nulls);
        }

        public Set<String> columns() {
            return union(left, right);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    /** {@code left & right} or {@code left | right} on booleans; a null on either side gives null. */
    record Logic(String op, Expr left, Expr right) implements Expr {
        public DType dtype(Schema schema) {
            DType a = left.dtype(schema);
            DType b = right.dtype(schema);
            if (a != DType.BOOLEAN || b != DType.BOOLEAN) {
                throw new IllegalArgumentException("TypeError: " + op + " needs two booleans, got " + left + " (" + a
                        + ") and " + right + " (" + b + ")");
            }
            return DType.BOOLEAN;
        }

        public Column eval(Partition p) {
            var a = (Column.Booleans) left.eval(p);
            var b = (Column.Booleans) right.eval(p);
            boolean[] out = new boolean[p.rows()];
            for (int i = 0; i < out.length; i++) {
                out[i] = op.equals("&") ? a.values()[i] && b.values()[i] : a.values()[i] || b.values()[i];
            }
            var nulls = (BitSet) a.nulls().clone();
            nulls.or(b.nulls());
            return new Column.Booleans(out, nulls);
        }

        public Set<String> columns() {
            return union(left, right);
        }

        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    private static Set<String> union(Expr a, Expr b) {
        var s = new TreeSet<>(a.columns());
        s.addAll(b.columns());
        return s;
    }

    private static BitSet nullsOf(Column c, int n) {
        return switch (c) {
            case Column.Longs l -> l.nulls();
            case Column.Doubles d -> d.nulls();
            case Column.Booleans b -> b.nulls();
            case Column.Strings s -> {
                var bits = new BitSet();
                for (int i = 0; i < n; i++) {
                    if (s.values()[i] == null) {
                        bits.set(i);
                    }
                }
                yield bits;
            }
        };
    }
}
