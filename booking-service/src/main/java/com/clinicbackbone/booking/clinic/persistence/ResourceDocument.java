package com.clinicbackbone.booking.clinic.persistence;

import com.clinicbackbone.booking.clinic.Resource;
import org.springframework.data.annotation.Id;

/** A room or device; the document id joins clinic and resource id. */
record ResourceDocument(@Id String id, String clinicId, String resourceId, String name, String kind) {

    static ResourceDocument of(Resource resource) {
        return new ResourceDocument(resource.clinicId() + "|" + resource.id(), resource.clinicId(), resource.id(),
                resource.name(), resource.kind());
    }

    Resource toResource() {
        return new Resource(resourceId, clinicId, name, kind);
    }
}
