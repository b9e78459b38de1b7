package org.compliancekit.pii;

/** A custom strategy for tests: keeps the last four characters, e.g. of a phone number. */
public final class Last4Strategy implements Strategy {
    @Override
    public String name() {
        return "last4";
    }

    @Override
    public Object apply(Object value, ErasureContext context) {
        if (value == null) {
            return null;
        }
        String s = value.toString();
        return "****" + s.substring(Math.max(0, s.length() - 4));
    }

    @Override
    public ErasedForm erasedForm() {
        return ErasedForm.startsWith("****");
    }
}
