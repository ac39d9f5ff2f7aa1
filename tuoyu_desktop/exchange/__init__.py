"""Excel in and out: templates, imports (parse → validate → all-or-nothing), return workbooks."""
