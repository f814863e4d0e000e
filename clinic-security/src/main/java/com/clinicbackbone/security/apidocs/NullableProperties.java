package com.clinicbackbone.security.apidocs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Says in the schema of a record what Jackson writes for it: a component of a reference type is {@code null} when
 * it has no value, unless the record or the component is {@code @JsonInclude(NON_NULL)} (or NON_ABSENT,
 * NON_EMPTY), or the component is validated not to be null. Such a property's schema admits {@code null} (OpenAPI
 * 3.1: the type set gets "null"; a reference becomes {@code anyOf} it or null).
 */
class NullableProperties implements ModelConverter {

    private static final Set<JsonInclude.Include> OMIT_NULLS = Set.of(JsonInclude.Include.NON_NULL,
            JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_EMPTY);

    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        if (resolved == null || type.getType() == null) {
            return resolved;
        }
        Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (!raw.isRecord() || omitsNulls(raw)) {
            return resolved;
        }
        Schema<?> model = resolved.get$ref() == null ? resolved
                : context.getDefinedModels().get(resolved.get$ref().replace("#/components/schemas/", ""));
        if (model == null || model.getProperties() == null) {
            return resolved;
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            Schema<?> property = model.getProperties().get(component.getName());
            if (property != null && !component.getType().isPrimitive() && !omitsNulls(component.getAccessor())
                    && !validatedNotNull(raw, component)) {
                model.getProperties().put(component.getName(), nullable(property));
            }
        }
        return resolved;
    }

    @Override
    public boolean isOpenapi31() {
        return true;
    }

    private static Schema<?> nullable(Schema<?> property) {
        if (property.get$ref() != null) {
            return new Schema<>().anyOf(List.of(property, Schemas.of("null")));
        }
        if (property.getTypes() != null && !property.getTypes().isEmpty()) {
            property.addType("null");
        } else if (property.getType() != null) {
            property.addType(property.getType());
            property.addType("null");
        }
        return property;
    }

    private static boolean omitsNulls(AnnotatedElement element) {
        JsonInclude include = element.getAnnotation(JsonInclude.class);
        return include != null && OMIT_NULLS.contains(include.value());
    }

    private static boolean validatedNotNull(Class<?> record, RecordComponent component) {
        try {
            AnnotatedElement field = record.getDeclaredField(component.getName());
            return field.isAnnotationPresent(NotNull.class) || field.isAnnotationPresent(NotBlank.class)
                    || field.isAnnotationPresent(NotEmpty.class) || component.isAnnotationPresent(NotNull.class)
                    || component.isAnnotationPresent(NotBlank.class) || component.isAnnotationPresent(NotEmpty.class);
        } catch (NoSuchFieldException e) {
            return false;
        }
    }
}
