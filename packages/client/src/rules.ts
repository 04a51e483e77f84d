/**
 * Generated from the API document by `npm run openapi`. Do not edit: change
 * the routes, then regenerate.
 */

export const rules = {
  "Client": {
    "status": {
      "enum": [
        "ACTIVE",
        "INACTIVE"
      ]
    }
  },
  "Contract": {
    "contract_type": {
      "enum": [
        "SERVICE",
        "SUPPLY",
        "LICENSE",
        "LEASE",
        "MAINTENANCE",
        "CONSULTING",
        "EMPLOYMENT",
        "OTHER"
      ]
    },
    "status": {
      "enum": [
        "ACTIVE",
        "SUSPENDED",
        "PENDING_TERMINATION",
        "TERMINATED",
        "EXPIRED"
      ]
    },
    "renewal": {
      "enum": [
        "NONE",
        "AUTO",
        "EVERGREEN"
      ]
    }
  },
  "Termination": {
    "status": {
      "enum": [
        "PENDING_APPROVAL",
        "SCHEDULED",
        "COMPLETED",
        "REJECTED",
        "WITHDRAWN"
      ]
    },
    "notice_basis": {
      "enum": [
        "NOTICE_PERIOD",
        "SHORT_NOTICE"
      ]
    },
    "previous_status": {
      "enum": [
        "ACTIVE",
        "SUSPENDED"
      ]
    }
  },
  "File": {
    "kind": {
      "enum": [
        "document",
        "signed_contract",
        "termination_letter"
      ]
    },
    "status": {
      "enum": [
        "PENDING",
        "AVAILABLE",
        "REJECTED",
        "DELETED"
      ]
    }
  },
  "Notification": {
    "template": {
      "enum": [
        "termination-notice",
        "termination-confirmation",
        "termination-withdrawn",
        "status-update",
        "approval-request",
        "termination-decision",
        "end-date-reminder",
        "contract-renewed",
        "contract-expired",
        "system-alert"
      ]
    },
    "status": {
      "enum": [
        "QUEUED",
        "SENT",
        "FAILED",
        "DEAD"
      ]
    },
    "delivery_status": {
      "enum": [
        "DELIVERED",
        "BOUNCED",
        "COMPLAINED"
      ]
    }
  },
  "OutboxEvent": {
    "status": {
      "enum": [
        "PENDING",
        "DONE",
        "DEAD",
        "REPLAYED"
      ]
    }
  },
  "ImportJob": {
    "status": {
      "enum": [
        "QUEUED",
        "RUNNING",
        "DONE",
        "FAILED"
      ]
    }
  },
  "WebhookSubscription": {
    "version": {
      "minimum": 1
    }
  },
  "WebhookSubscriptionWithSecret": {
    "version": {
      "minimum": 1
    }
  },
  "WebhookDelivery": {
    "status": {
      "enum": [
        "PENDING",
        "SUCCEEDED",
        "FAILING",
        "DEAD"
      ]
    }
  },
  "Me": {
    "roles": {
      "items": {
        "enum": [
          "viewer",
          "editor",
          "approver",
          "admin"
        ]
      }
    },
    "capabilities": {
      "items": {
        "enum": [
          "read",
          "write",
          "approve",
          "admin"
        ]
      }
    }
  },
  "Health": {
    "status": {
      "enum": [
        "ok",
        "degraded"
      ]
    }
  },
  "ClientCreate": {
    "name": {
      "minLength": 1,
      "maxLength": 200,
      "pattern": "\\S"
    },
    "email": {
      "maxLength": 254
    },
    "phone": {
      "pattern": "^\\+?[0-9 ()./-]{3,32}$"
    },
    "address": {
      "minLength": 1,
      "maxLength": 500,
      "pattern": "\\S"
    },
    "status": {
      "enum": [
        "ACTIVE",
        "INACTIVE"
      ]
    }
  },
  "ClientUpdate": {
    "name": {
      "minLength": 1,
      "maxLength": 200,
      "pattern": "\\S"
    },
    "email": {
      "maxLength": 254
    },
    "phone": {
      "pattern": "^\\+?[0-9 ()./-]{3,32}$"
    },
    "address": {
      "minLength": 1,
      "maxLength": 500,
      "pattern": "\\S"
    },
    "status": {
      "enum": [
        "ACTIVE",
        "INACTIVE"
      ]
    },
    "version": {
      "minimum": 1
    }
  },
  "ContractCreate": {
    "client_id": {
      "pattern": "^CL[0-9A-Z]{4,32}$"
    },
    "title": {
      "minLength": 1,
      "maxLength": 200,
      "pattern": "\\S"
    },
    "contract_type": {
      "enum": [
        "SERVICE",
        "SUPPLY",
        "LICENSE",
        "LEASE",
        "MAINTENANCE",
        "CONSULTING",
        "EMPLOYMENT",
        "OTHER"
      ]
    },
    "value": {
      "minimum": 0,
      "maximum": 10000000000000,
      "multipleOf": 0.01
    },
    "currency": {
      "pattern": "^[A-Z]{3}$"
    },
    "notice_period_days": {
      "minimum": 0,
      "maximum": 3650
    },
    "renewal": {
      "enum": [
        "NONE",
        "AUTO",
        "EVERGREEN"
      ]
    },
    "renewal_term_months": {
      "minimum": 1,
      "maximum": 120
    }
  },
  "ContractUpdate": {
    "title": {
      "minLength": 1,
      "maxLength": 200,
      "pattern": "\\S"
    },
    "contract_type": {
      "enum": [
        "SERVICE",
        "SUPPLY",
        "LICENSE",
        "LEASE",
        "MAINTENANCE",
        "CONSULTING",
        "EMPLOYMENT",
        "OTHER"
      ]
    },
    "value": {
      "minimum": 0,
      "maximum": 10000000000000,
      "multipleOf": 0.01
    },
    "currency": {
      "pattern": "^[A-Z]{3}$"
    },
    "notice_period_days": {
      "minimum": 0,
      "maximum": 3650
    },
    "renewal": {
      "enum": [
        "NONE",
        "AUTO",
        "EVERGREEN"
      ]
    },
    "renewal_term_months": {
      "minimum": 1,
      "maximum": 120
    },
    "client_id": {
      "pattern": "^CL[0-9A-Z]{4,32}$"
    },
    "version": {
      "minimum": 1
    }
  },
  "ContractRenewal": {
    "term_months": {
      "minimum": 1,
      "maximum": 120
    }
  },
  "TerminationRequest": {
    "reason": {
      "pattern": "^[A-Z][A-Z0-9_]{0,39}$"
    },
    "notes": {
      "minLength": 1,
      "maxLength": 2000,
      "pattern": "\\S"
    },
    "client_message": {
      "minLength": 1,
      "maxLength": 2000,
      "pattern": "\\S"
    }
  },
  "TerminationApproval": {
    "comment": {
      "minLength": 1,
      "maxLength": 2000,
      "pattern": "\\S"
    }
  },
  "TerminationRejection": {
    "comment": {
      "minLength": 1,
      "maxLength": 2000,
      "pattern": "\\S"
    }
  },
  "UploadRequest": {
    "filename": {
      "minLength": 1,
      "maxLength": 255,
      "pattern": "\\S"
    },
    "size": {
      "minimum": 1
    },
    "sha256": {
      "pattern": "^[0-9a-fA-F]{64}$"
    },
    "kind": {
      "enum": [
        "document",
        "signed_contract",
        "termination_letter"
      ]
    }
  },
  "ImportStart": {
    "upload_id": {
      "pattern": "^UP[0-9A-Z]{4,32}$"
    },
    "mapping_name": {
      "minLength": 1,
      "maxLength": 100,
      "pattern": "^[A-Za-z0-9][A-Za-z0-9 ._-]*$"
    }
  },
  "ImportUploadRequest": {
    "filename": {
      "maxLength": 200,
      "pattern": "^[^/\\\\\\u0000-\\u001f]+\\.(csv|xlsx)$"
    },
    "size": {
      "minimum": 1,
      "maximum": 104857600
    },
    "sha256": {
      "pattern": "^[0-9a-fA-F]{64}$"
    }
  },
  "ImportMapping": {
    "date_format": {
      "enum": [
        "YYYY-MM-DD",
        "DD/MM/YYYY",
        "MM/DD/YYYY",
        "DD.MM.YYYY"
      ]
    },
    "decimal_separator": {
      "enum": [
        ".",
        ","
      ]
    }
  },
  "WebhookCreate": {
    "url": {
      "maxLength": 2048
    },
    "event_types": {
      "items": {
        "enum": [
          "contract.created",
          "contract.updated",
          "contract.renewed",
          "contract.expired",
          "contract.suspended",
          "contract.reinstated",
          "contract.deleted",
          "contract.restored",
          "termination.requested",
          "termination.approval_recorded",
          "termination.approved",
          "termination.rejected",
          "termination.scheduled",
          "termination.completed",
          "termination.withdrawn",
          "notice.delivered",
          "notice.bounced"
        ]
      }
    },
    "description": {
      "minLength": 1,
      "maxLength": 200,
      "pattern": "\\S"
    }
  },
  "WebhookUpdate": {
    "url": {
      "maxLength": 2048
    },
    "event_types": {
      "items": {
        "enum": [
          "contract.created",
          "contract.updated",
          "contract.renewed",
          "contract.expired",
          "contract.suspended",
          "contract.reinstated",
          "contract.deleted",
          "contract.restored",
          "termination.requested",
          "termination.approval_recorded",
          "termination.approved",
          "termination.rejected",
          "termination.scheduled",
          "termination.completed",
          "termination.withdrawn",
          "notice.delivered",
          "notice.bounced"
        ]
      }
    },
    "description": {
      "minLength": 1,
      "maxLength": 200,
      "pattern": "\\S"
    },
    "version": {
      "minimum": 1
    }
  },
  "WebhookRotation": {
    "overlap_hours": {
      "minimum": 0,
      "maximum": 168
    }
  },
  "Problem": {
    "code": {
      "enum": [
        "auth.forbidden",
        "auth.unauthenticated",
        "auth.unavailable",
        "client.email_taken",
        "client.has_contracts",
        "client.inactive",
        "client.not_found",
        "contract.has_termination",
        "contract.not_found",
        "contract.not_renewable",
        "contract.read_only",
        "cursor.invalid",
        "event.not_dead",
        "event.not_found",
        "file.immutable",
        "file.not_available",
        "file.not_found",
        "import.not_found",
        "import.upload_missing",
        "import_mapping.not_found",
        "import_upload.not_found",
        "internal",
        "method.not_allowed",
        "notification.not_dead",
        "notification.not_found",
        "request.malformed",
        "request.too_large",
        "request.unsupported_media_type",
        "route.not_found",
        "termination.already_approved",
        "termination.four_eyes",
        "termination.invalid_transition",
        "termination.not_found",
        "termination.not_requester",
        "validation.failed",
        "version.conflict",
        "version.required",
        "webhook.delivery_in_progress",
        "webhook.delivery_not_found",
        "webhook.not_found",
        "webhook.target_refused"
      ]
    }
  }
} as const;
