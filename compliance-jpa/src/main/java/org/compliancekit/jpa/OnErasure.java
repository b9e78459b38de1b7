package org.compliancekit.jpa;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.compliancekit.pii.RowAction;

/**
 * What erasure (and anonymizing retention) does with the entity's rows: {@link RowAction#ANONYMIZE} applies the
 * {@link PersonalData} strategies (the default), {@link RowAction#DELETE} removes the rows. On an
 * {@code @ElementCollection} attribute it applies to the collection table, whose rows are deleted by default.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD})
public @interface OnErasure {
    RowAction value();
}
