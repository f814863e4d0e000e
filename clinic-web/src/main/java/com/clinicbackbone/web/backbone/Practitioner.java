package com.clinicbackbone.web.backbone;

import java.util.List;

/** A practitioner as {@code GET /api/clinics/{id}/practitioners} gives it. */
public record Practitioner(String id, String name, String profession, List<String> clinicIds) {
}
