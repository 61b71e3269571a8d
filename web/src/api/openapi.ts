/* Generated from docs/openapi.json by `npm run openapi`. Do not edit. */
/* eslint-disable */
export type paths = {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: ok once the API is ready */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This OpenAPI 3.1 document */
        get: operations["getOpenApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in patient, the online services enabled for them and whom they may act for (with Acting-For: the patient acted for, with the services the proxy may use) */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/practice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient's practice and its current settings */
        get: operations["getPractice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Free, future slots inside the booking horizon, sorted by start */
        get: operations["listSlots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient's own appointments, cancelled ones included */
        get: operations["listAppointments"];
        put?: never;
        /** Book a free slot */
        post: operations["bookAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/appointments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the patient’s own appointments */
        get: operations["getAppointment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel an appointment; its slot is free again */
        post: operations["cancelAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/appointments/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move an appointment to another slot in one atomic write */
        post: operations["rescheduleAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/practice/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change any subset of the practice settings */
        put: operations["updatePracticeSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient registered at the caller’s practice, and whether a sign-in is linked to them */
        get: operations["getPatient"];
        /** Register a patient for online services or change what is enabled */
        put: operations["registerPatient"];
        post?: never;
        /** The patient leaves online services: services off, future appointments cancelled by the practice (slots freed), requests still requested rejected; history kept. Resumable: retry after any failure */
        delete: operations["removePatient"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every slot starting in a window of at most 14 days: free, booked (with its appointment) or withdrawn */
        get: operations["listSlotBoard"];
        put?: never;
        /** Publish 1..500 slots, all or nothing */
        post: operations["publishSlots"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/slots/{slotId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Withdraw a free slot (409 slot-booked when booked) */
        delete: operations["withdrawSlot"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice's appointments on a local calendar date */
        get: operations["listDayAppointments"];
        put?: never;
        /** Book any free slot for a registered patient (phone or desk): not bookable online or beyond the horizon too; online limits do not apply */
        post: operations["staffBookAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/appointments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel on the patient’s behalf (recorded as cancelled by the practice) */
        post: operations["staffCancelAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/medications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient’s repeat medications, each with whether it can be ordered now and why not */
        get: operations["listMedications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/prescriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient’s own prescription requests, newest first */
        get: operations["listPrescriptions"];
        put?: never;
        /** Order 1..10 repeat medications, optionally to a nominated pharmacy */
        post: operations["orderPrescription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/prescriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the patient’s own prescription requests */
        get: operations["getPrescription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/prescriptions/{id}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Withdraw a request while it is still requested; its items can be ordered again */
        post: operations["withdrawPrescription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}/medications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient’s repeat list as the patient sees it, discontinued items included with their status (audited) */
        get: operations["listPatientMedications"];
        put?: never;
        /** Add a repeat medication to a registered patient’s list */
        post: operations["addMedication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/prescriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practice’s requests: one status’s queue oldest first, or all newest first */
        get: operations["listPracticePrescriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/prescriptions/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a requested prescription, optionally rejecting some items each with a reason (else 409 invalid-transition) */
        post: operations["approvePrescription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/prescriptions/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a requested prescription with a reason the patient sees (else 409 invalid-transition) */
        post: operations["rejectPrescription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/prescriptions/{id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue an approved prescription (else 409 invalid-transition) */
        post: operations["issuePrescription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient’s own GP record at the enabled level (summary or detailed); every view is audited and counted */
        get: operations["getRecord"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored coded record (audited as a staff view, which the patient sees) */
        get: operations["getPatientRecord"];
        /** Load a patient’s coded record (allergies, problems, immunisations, test results), replacing it whole */
        put: operations["replaceRecord"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Record-access events of the caller’s practice, newest first, optionally for one patient and a time window */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/practice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller’s practice (name, ODS code, time zone) and its current settings */
        get: operations["getStaffPractice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient’s appointments, cancelled ones included (audited) */
        get: operations["listPatientAppointments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}/prescriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient’s prescription requests, newest first (audited) */
        get: operations["listPatientPrescriptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}/medications/{medicationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Discontinue a repeat medication: no longer listed to the patient or orderable; requests keep their items */
        delete: operations["discontinueMedication"];
        options?: never;
        head?: never;
        /** Review a repeat medication: dosage, quantity, review date, interval (a new review date makes an overdue item orderable) */
        patch: operations["changeMedication"];
        trace?: never;
    };
    "/me/record-access": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who viewed the patient’s record and when, newest first (practice staff by role and practice only) */
        get: operations["listRecordAccess"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patient’s own notification preferences: e-mail, UK mobile, reminders and status updates on or off */
        get: operations["getNotificationPreferences"];
        /** Change any of the patient’s own notification preferences (null removes an address) */
        put: operations["updateNotificationPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/reports/monthly/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The stored report as JSON, CSV or HTML */
        get: operations["getMonthlyReport"];
        put?: never;
        /** Generate the caller’s practice’s report for a month now (a month in progress is reported to date) and store it */
        post: operations["generateMonthlyReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A patient’s invitations, newest first, with their status (never the key) */
        get: operations["listInvitations"];
        put?: never;
        /** Issue a registration letter’s details (account ID, linkage key), valid 30 days, single use; revokes the patient’s older unused invitation */
        post: operations["issueInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/invitations/{invitationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an unused invitation (a used or revoked one stays as it is) */
        delete: operations["revokeInvitation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unlink the patient’s sign-in: from its next request its tokens reach nothing */
        delete: operations["unlinkAccount"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Link the caller’s own sign-in (not yet linked) to a patient with the registration letter’s details and the date of birth */
        post: operations["linkAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}/proxies/{proxyNhsNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Grant or change proxy access: another registered patient of the practice may act for this one, within services enabled for them, optionally until a date */
        put: operations["putProxy"];
        post?: never;
        /** Revoke proxy access: the grant leaves the list and the proxy’s next request is refused */
        delete: operations["revokeProxy"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/staff/patients/{nhsNumber}/proxies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who may act for the patient (grants past their end date included, with live: false) */
        get: operations["listProxies"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/practices/{ods}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A practice as the registry has it; 404 if the stack does not serve it */
        get: operations["getRegisteredPractice"];
        /** Add a practice to the registry (201) or change its details (200); effective on the next request */
        put: operations["putPractice"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/practices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The practices the stack serves, by ODS code */
        get: operations["listPractices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/reports/monthly/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The all-practices summary of a month: format=json (figures summed over practices) or csv (the POMI rows of every practice); 404 until the rollup has done every practice */
        get: operations["getSummaryReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            /** @enum {string} */
            code: "invalid-json" | "validation-failed" | "unauthenticated" | "forbidden" | "service-not-enabled" | "not-found" | "method-not-allowed" | "slot-unavailable" | "already-cancelled" | "slot-booked" | "slot-overlap" | "invalid-transition" | "idempotency-in-progress" | "already-linked" | "payload-too-large" | "unsupported-media-type" | "request-header-fields-too-large" | "slot-not-found" | "slot-in-past" | "outside-booking-horizon" | "too-many-appointments" | "cancellation-too-late" | "medication-not-found" | "medication-not-orderable" | "idempotency-key-reuse" | "linkage-failed" | "linkage-locked" | "too-many-requests" | "internal" | "unavailable";
            errors?: {
                path: string;
                message: string;
            }[];
        };
        Me: {
            nhsNumber: string;
            name: string;
            dateOfBirth: string;
            practice: string;
            services: {
                appointments: boolean;
                prescriptions: boolean;
                /** @enum {string} */
                record: "none" | "summary" | "detailed";
            };
            /** @description Patients this person may act for with the Acting-For header (live grants only); empty when acting for someone */
            actingFor: components["schemas"]["ActingFor"][];
        };
        /** @description Someone the signed-in patient may act for; `services`: granted and still enabled for them */
        ActingFor: {
            nhsNumber: string;
            name: string;
            relationship: string;
            services: {
                appointments: boolean;
                prescriptions: boolean;
                /** @enum {string} */
                record: "none" | "summary" | "detailed";
            };
            until?: string;
        };
        Practice: {
            practice: string;
            name: string;
            timeZone: string;
            settings: components["schemas"]["PracticeSettings"];
        };
        PracticeSettings: {
            bookingHorizonDays: number;
            maxActiveAppointments: number;
            cancellationCutoffMinutes: number;
            servicesOffered: {
                appointments: boolean;
                prescriptions: boolean;
                record: boolean;
            };
            listSize: number;
            annualGrowthTarget: number;
            /** @description The GP system supplier named in the POMI CSV; starts with a letter or digit */
            systemSupplier: string & (unknown & unknown);
            /** @description Hours before an appointment its reminder falls due (whole hours, 0 to 168); 0 sends no reminders */
            reminderHoursBefore: number;
            auditRetentionYears: number | null;
        };
        Slot: {
            slotId: string;
            start: string;
            end: string;
            clinician: string;
            type: string;
            /** @enum {string} */
            channel: "in-person" | "telephone" | "video";
        };
        Appointment: {
            appointmentId: string;
            slotId: string;
            practice: string;
            nhsNumber: string;
            start: string;
            end: string;
            clinician: string;
            type: string;
            /** @enum {string} */
            channel: "in-person" | "telephone" | "video";
            description?: string;
            /** @enum {string} */
            status: "booked" | "cancelled";
            bookedAt: string;
            /** @enum {string} */
            bookedBy: "patient" | "practice" | "proxy";
            /** @description With bookedBy proxy: the NHS number of the proxy who booked it */
            bookedByNhsNumber?: string;
            cancelledAt?: string;
            cancelReason?: string;
            /** @enum {string} */
            cancelledBy?: "patient" | "practice" | "proxy";
            /** @description With cancelledBy proxy: the NHS number of the proxy who cancelled it */
            cancelledByNhsNumber?: string;
            /** @description The patient’s name as registered when the appointment was booked (staff lists name the patient) */
            patientName?: string;
        };
        Patient: {
            nhsNumber: string;
            name: string;
            dateOfBirth: string;
            practice: string;
            services: {
                appointments: boolean;
                prescriptions: boolean;
                /** @enum {string} */
                record: "none" | "summary" | "detailed";
            };
        };
        StaffPatient: {
            nhsNumber: string;
            name: string;
            dateOfBirth: string;
            practice: string;
            services: {
                appointments: boolean;
                prescriptions: boolean;
                /** @enum {string} */
                record: "none" | "summary" | "detailed";
            };
            account: {
                linked: boolean;
                linkedAt?: string;
            };
        };
        PublishedSlot: {
            slotId: string;
            start: string;
            end: string;
            clinician: string;
            type: string;
            /** @enum {string} */
            channel: "in-person" | "telephone" | "video";
            bookableOnline: boolean;
        };
        Medication: {
            medicationId: string;
            name: string;
            dosage: string;
            quantity: number;
            reviewDate: string;
            minDaysBetweenOrders: number;
            lastOrderedAt?: string;
            orderable: boolean;
            /** @enum {string} */
            notOrderableReason?: "review-overdue" | "too-soon" | "pending-request";
            /** @description With `too-soon`: the first practice-local date the item may be ordered again */
            nextOrderableDate?: string;
        };
        PrescriptionRequest: {
            prescriptionId: string;
            practice: string;
            nhsNumber: string;
            /** @enum {string} */
            status: "requested" | "approved" | "rejected" | "issued" | "withdrawn";
            items: {
                medicationId: string;
                name: string;
                dosage: string;
                quantity: number;
                /**
                 * @description Once the request is decided: this item’s decision
                 * @enum {string}
                 */
                decision?: "approved" | "rejected";
                /** @description With a rejected item: why, as the practice told the patient */
                reason?: string;
            }[];
            pharmacy?: string;
            note?: string;
            requestedAt: string;
            decidedAt?: string;
            rejectionReason?: string;
            issuedAt?: string;
            /** @description Who made the request when it was not the patient: a proxy acting for them (absent: the patient) */
            requestedBy?: {
                nhsNumber: string;
                proxy: boolean;
            };
            /** @description The patient’s name as registered when the request was made (staff lists name the patient) */
            patientName?: string;
        };
        /** @description The patient’s own GP record at the level the practice enabled. Summary: demographics, allergies and current repeat medications. Detailed: also problems, immunisations and test results. Every view is audited. */
        PatientRecord: {
            /** @enum {string} */
            level: "summary" | "detailed";
            demographics: {
                nhsNumber: string;
                name: string;
                dateOfBirth: string;
            };
            allergies: components["schemas"]["CodedEntry"][];
            /** @description Current repeat medications */
            medications: components["schemas"]["RecordMedication"][];
            /** @description Problems and diagnoses: present at the detailed level only */
            problems?: components["schemas"]["CodedEntry"][];
            /** @description Immunisations: present at the detailed level only */
            immunisations?: components["schemas"]["CodedEntry"][];
            /** @description Test results: present at the detailed level only */
            testResults?: components["schemas"]["CodedEntry"][];
            /** @description When the practice last loaded the coded record (absent: never) */
            updatedAt?: string;
        };
        CodedEntry: {
            /**
             * @description SNOMED CT concept id
             * @example 91936005
             */
            code?: string;
            /** @example Allergy to penicillin */
            display: string;
            /**
             * Format: date
             * @description When it was recorded, diagnosed, given or measured
             */
            date?: string;
        };
        RecordMedication: {
            medicationId: string;
            name: string;
            dosage: string;
            quantity: number;
        };
        StoredRecord: {
            nhsNumber: string;
            allergies: components["schemas"]["CodedEntry"][];
            problems: components["schemas"]["CodedEntry"][];
            immunisations: components["schemas"]["CodedEntry"][];
            testResults: components["schemas"]["CodedEntry"][];
            updatedAt: string;
        };
        /** @description One access to or change of a patient’s data by the patient or staff, newest first; append-only */
        AuditEntry: {
            at: string;
            /** @description The signed-in user (token subject) who did it */
            actor: string;
            /** @enum {string} */
            role: "patient" | "staff" | "admin";
            /** @description The patient concerned (absent for practice-wide changes) */
            nhsNumber?: string;
            /**
             * @description `view`: the GP record was viewed (`level` says at which); the others: a staff read or change
             * @enum {string}
             */
            action: "view" | "view-appointments" | "view-prescriptions" | "view-medications" | "change-services" | "change-settings" | "add-medication" | "change-medication" | "discontinue-medication" | "replace-record" | "book-appointment" | "remove-patient" | "grant-proxy" | "change-proxy" | "revoke-proxy" | "change-registry";
            /** @enum {string} */
            level?: "summary" | "detailed";
            /** @description A view by a proxy acting for the patient: the proxy’s NHS number (actor is their sign-in) */
            proxyNhsNumber?: string;
        };
        BoardSlot: {
            slotId: string;
            start: string;
            end: string;
            clinician: string;
            type: string;
            /** @enum {string} */
            channel: "in-person" | "telephone" | "video";
            bookableOnline: boolean;
            /** @enum {string} */
            status: "free" | "booked" | "withdrawn";
            /** @description With `booked`: the appointment holding the slot */
            appointmentId?: string;
        };
        StaffMedication: {
            medicationId: string;
            name: string;
            dosage: string;
            quantity: number;
            reviewDate: string;
            minDaysBetweenOrders: number;
            lastOrderedAt?: string;
            orderable: boolean;
            /** @enum {string} */
            notOrderableReason?: "review-overdue" | "too-soon" | "pending-request";
            /** @description With `too-soon`: the first practice-local date the item may be ordered again */
            nextOrderableDate?: string;
            /** @enum {string} */
            status: "active" | "discontinued";
            discontinuedAt?: string;
        };
        StaffRecordView: {
            nhsNumber: string;
            allergies: components["schemas"]["CodedEntry"][];
            problems: components["schemas"]["CodedEntry"][];
            immunisations: components["schemas"]["CodedEntry"][];
            testResults: components["schemas"]["CodedEntry"][];
            updatedAt?: string;
        };
        RecordAccess: {
            at: string;
            /** @enum {string} */
            viewer: "you" | "practice-staff" | "proxy";
            /** @description With practice-staff: the ODS code of the practice */
            practice?: string;
            /** @description With proxy: the name of the proxy who viewed it for you */
            name?: string;
            /** @enum {string} */
            level?: "summary" | "detailed";
        };
        NotificationPreferences: {
            email: string | null;
            mobile: string | null;
            appointmentReminders: boolean;
            statusUpdates: boolean;
        };
        MonthlyReport: {
            /** @description ODS code */
            practice: string;
            /** @description YYYY-MM, practice time zone */
            month: string;
            /** @description The month's last calendar day, YYYY-MM-DD (also for a month in progress) */
            periodEnd: string;
            /** @description RFC 3339 UTC; before the end of the month means "to date" */
            generatedAt: string;
            listSize: number;
            enabled: {
                appointments: number;
                prescriptions: number;
                detailedRecord: number;
                anyService: number;
                newInMonth: number;
            };
            enabledPct: {
                /** @description Percent, 2 decimals; null when it cannot be computed */
                appointments: number | null;
                /** @description Percent, 2 decimals; null when it cannot be computed */
                prescriptions: number | null;
                /** @description Percent, 2 decimals; null when it cannot be computed */
                detailedRecord: number | null;
                /** @description Percent, 2 decimals; null when it cannot be computed */
                anyService: number | null;
            };
            use: {
                appointmentsBooked: number;
                appointmentsCancelled: number;
                prescriptionsOrdered: number;
                prescriptionItemsOrdered: number;
                recordViews: number;
                /** @description Of the counted actions (total), those a proxy did for the patient */
                byProxy: number;
                total: number;
            };
            /** @description Invitations issued and sign-ins linked in the month */
            onboarding: {
                invitationsIssued: number;
                accountsLinked: number;
            };
            /** @description Messages to patients (e-mail and SMS) sent in the month, per kind, and given up on after every retry (failed) */
            messages: {
                sent: {
                    "appointment-booked": number;
                    "appointment-reminder": number;
                    "appointment-cancelled-by-practice": number;
                    "prescription-approved": number;
                    "prescription-rejected": number;
                    "prescription-issued": number;
                };
                failed: number;
            };
            growth: {
                /** @description Percent, 2 decimals; null when it cannot be computed */
                monthOnMonthPct: number | null;
                /** @description Percent, 2 decimals; null when it cannot be computed */
                yearOnYearPct: number | null;
            };
            target: {
                annualGrowthTarget: number;
                onTrack: boolean | null;
            };
        };
        IssuedInvitation: {
            invitationId: string;
            /** @description For the letter: XXXX-XXXX-XXXX */
            accountId: string;
            /** @description For the letter: XXXX-XXXX-XXXX-XXXX. Shown only in this answer (stored hashed), so absent from an idempotent replay: if the first answer was lost, issue a new invitation */
            linkageKey?: string;
            /** @description ODS code, for the letter */
            practice: string;
            /**
             * Format: date-time
             * @description 30 days after issue
             */
            expiresAt: string;
        };
        Invitation: {
            invitationId: string;
            accountId: string;
            createdAt: string;
            expiresAt: string;
            /** @enum {string} */
            status: "open" | "used" | "revoked" | "expired" | "locked";
        };
        LinkedAccount: {
            practice: string;
            nhsNumber: string;
        };
        ProxyGrant: {
            /** @description The patient acted for */
            nhsNumber: string;
            /** @description The patient who acts (the proxy) */
            proxyNhsNumber: string;
            proxyName: string;
            relationship: string;
            services: {
                appointments: boolean;
                prescriptions: boolean;
                /** @enum {string} */
                record: "none" | "summary" | "detailed";
            };
            until?: string;
            /** @description false once the day `until` has passed */
            live: boolean;
            grantedAt: string;
            updatedAt: string;
        };
        /** @description A practice the stack serves */
        RegisteredPractice: {
            ods: string;
            name: string;
            timeZone: string;
            regionCode?: string;
            regionName?: string;
            subIcbCode?: string;
            subIcbName?: string;
            /**
             * @description config: as the deploy configuration added it; admin: an admin changed it since (deploys leave it)
             * @enum {string}
             */
            source: "config" | "admin";
            createdAt: string;
            updatedAt: string;
        };
        /** @description A month summed over every practice the stack serves (growth over those with the earlier figure) */
        ReportSummary: {
            month: string;
            periodEnd: string;
            generatedAt: string;
            practices: number;
            listSize: number;
            enabled: {
                appointments: number;
                prescriptions: number;
                detailedRecord: number;
                anyService: number;
                newInMonth: number;
            };
            enabledPct: {
                /** @description Percent, 2 decimals; null when it cannot be computed */
                appointments: number | null;
                /** @description Percent, 2 decimals; null when it cannot be computed */
                prescriptions: number | null;
                /** @description Percent, 2 decimals; null when it cannot be computed */
                detailedRecord: number | null;
                /** @description Percent, 2 decimals; null when it cannot be computed */
                anyService: number | null;
            };
            use: {
                appointmentsBooked: number;
                appointmentsCancelled: number;
                prescriptionsOrdered: number;
                prescriptionItemsOrdered: number;
                recordViews: number;
                /** @description Of the counted actions (total), those a proxy did for the patient */
                byProxy: number;
                total: number;
            };
            usePerService: {
                appointments: number;
                prescriptions: number;
                detailedRecord: number;
            };
            growth: {
                /** @description Percent, 2 decimals; null when it cannot be computed */
                monthOnMonthPct: number | null;
                /** @description Percent, 2 decimals; null when it cannot be computed */
                yearOnYearPct: number | null;
            };
        };
    };
    responses: {
        /** @description Problem details: `method-not-allowed` */
        MethodNotAllowed: {
            headers: {
                Allow: components["headers"]["Allow"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 405;
                    /** @enum {unknown} */
                    code?: "method-not-allowed";
                };
            };
        };
        /** @description Problem details: `request-header-fields-too-large` (local mode; over 16 KiB of headers) */
        RequestHeaderFieldsTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 431;
                    /** @enum {unknown} */
                    code?: "request-header-fields-too-large";
                };
            };
        };
        /** @description Problem details: `internal` */
        "Public.Problem500.internal": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 500;
                    /** @enum {unknown} */
                    code?: "internal";
                };
            };
        };
        /** @description Problem details: `validation-failed` */
        "Problem400.validation-failed": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 400;
                    /** @enum {unknown} */
                    code?: "validation-failed";
                };
            };
        };
        /** @description Problem details: `unauthenticated` */
        "Problem401.unauthenticated": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 401;
                    /** @enum {unknown} */
                    code?: "unauthenticated";
                };
            };
        };
        /** @description Problem details: `forbidden` */
        "Problem403.forbidden": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 403;
                    /** @enum {unknown} */
                    code?: "forbidden";
                };
            };
        };
        /** @description Problem details: `not-found` */
        "Problem404.not-found": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 404;
                    /** @enum {unknown} */
                    code?: "not-found";
                };
            };
        };
        /** @description Problem details: `internal` */
        "Problem500.internal": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 500;
                    /** @enum {unknown} */
                    code?: "internal";
                };
            };
        };
        /** @description Problem details: `unavailable` */
        "Problem503.unavailable": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 503;
                    /** @enum {unknown} */
                    code?: "unavailable";
                };
            };
        };
        /** @description Problem details: `forbidden`, `service-not-enabled` */
        "Problem403.forbidden.service-not-enabled": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 403;
                    /** @enum {unknown} */
                    code?: "forbidden" | "service-not-enabled";
                };
            };
        };
        /** @description Problem details: `invalid-json`, `validation-failed` */
        "Problem400.invalid-json.validation-failed": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 400;
                    /** @enum {unknown} */
                    code?: "invalid-json" | "validation-failed";
                };
            };
        };
        /** @description Problem details: `idempotency-in-progress`, `slot-unavailable` */
        "Problem409.idempotency-in-progress.slot-unavailable": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "idempotency-in-progress" | "slot-unavailable";
                };
            };
        };
        /** @description Problem details: `payload-too-large` */
        "Problem413.payload-too-large": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 413;
                    /** @enum {unknown} */
                    code?: "payload-too-large";
                };
            };
        };
        /** @description Problem details: `unsupported-media-type` */
        "Problem415.unsupported-media-type": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 415;
                    /** @enum {unknown} */
                    code?: "unsupported-media-type";
                };
            };
        };
        /** @description Problem details: `idempotency-key-reuse`, `outside-booking-horizon`, `slot-in-past`, `slot-not-found`, `too-many-appointments` */
        "Problem422.idempotency-key-reuse.outside-booking-horizon.slot-in-past.slot-not-found.too-many-appointments": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 422;
                    /** @enum {unknown} */
                    code?: "idempotency-key-reuse" | "outside-booking-horizon" | "slot-in-past" | "slot-not-found" | "too-many-appointments";
                };
            };
        };
        /** @description Problem details: `already-cancelled`, `idempotency-in-progress` */
        "Problem409.already-cancelled.idempotency-in-progress": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "already-cancelled" | "idempotency-in-progress";
                };
            };
        };
        /** @description Problem details: `cancellation-too-late`, `idempotency-key-reuse` */
        "Problem422.cancellation-too-late.idempotency-key-reuse": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 422;
                    /** @enum {unknown} */
                    code?: "cancellation-too-late" | "idempotency-key-reuse";
                };
            };
        };
        /** @description Problem details: `already-cancelled`, `idempotency-in-progress`, `slot-unavailable` */
        "Problem409.already-cancelled.idempotency-in-progress.slot-unavailable": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "already-cancelled" | "idempotency-in-progress" | "slot-unavailable";
                };
            };
        };
        /** @description Problem details: `cancellation-too-late`, `idempotency-key-reuse`, `outside-booking-horizon`, `slot-in-past`, `slot-not-found`, `too-many-appointments` */
        "Problem422.cancellation-too-late.idempotency-key-reuse.outside-booking-horizon.slot-in-past.slot-not-found.too-many-appointments": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 422;
                    /** @enum {unknown} */
                    code?: "cancellation-too-late" | "idempotency-key-reuse" | "outside-booking-horizon" | "slot-in-past" | "slot-not-found" | "too-many-appointments";
                };
            };
        };
        /** @description Problem details: `idempotency-in-progress` */
        "Problem409.idempotency-in-progress": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "idempotency-in-progress";
                };
            };
        };
        /** @description Problem details: `idempotency-key-reuse` */
        "Problem422.idempotency-key-reuse": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 422;
                    /** @enum {unknown} */
                    code?: "idempotency-key-reuse";
                };
            };
        };
        /** @description Problem details: `idempotency-in-progress`, `slot-overlap` */
        "Problem409.idempotency-in-progress.slot-overlap": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "idempotency-in-progress" | "slot-overlap";
                };
            };
        };
        /** @description Problem details: `idempotency-in-progress`, `slot-booked` */
        "Problem409.idempotency-in-progress.slot-booked": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "idempotency-in-progress" | "slot-booked";
                };
            };
        };
        /** @description Problem details: `idempotency-key-reuse`, `medication-not-found`, `medication-not-orderable` */
        "Problem422.idempotency-key-reuse.medication-not-found.medication-not-orderable": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 422;
                    /** @enum {unknown} */
                    code?: "idempotency-key-reuse" | "medication-not-found" | "medication-not-orderable";
                };
            };
        };
        /** @description Problem details: `idempotency-in-progress`, `invalid-transition` */
        "Problem409.idempotency-in-progress.invalid-transition": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "idempotency-in-progress" | "invalid-transition";
                };
            };
        };
        /** @description Problem details: `idempotency-key-reuse`, `slot-in-past`, `slot-not-found` */
        "Problem422.idempotency-key-reuse.slot-in-past.slot-not-found": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 422;
                    /** @enum {unknown} */
                    code?: "idempotency-key-reuse" | "slot-in-past" | "slot-not-found";
                };
            };
        };
        /** @description Problem details: `already-linked`, `idempotency-in-progress` */
        "Problem409.already-linked.idempotency-in-progress": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 409;
                    /** @enum {unknown} */
                    code?: "already-linked" | "idempotency-in-progress";
                };
            };
        };
        /** @description Problem details: `idempotency-key-reuse`, `linkage-failed` */
        "Problem422.idempotency-key-reuse.linkage-failed": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 422;
                    /** @enum {unknown} */
                    code?: "idempotency-key-reuse" | "linkage-failed";
                };
            };
        };
        /** @description Problem details: `linkage-locked` */
        "Problem423.linkage-locked": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 423;
                    /** @enum {unknown} */
                    code?: "linkage-locked";
                };
            };
        };
        /** @description Problem details: `too-many-requests` */
        "Problem429.too-many-requests": {
            headers: {
                "Cache-Control": components["headers"]["CacheControl"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    status?: 429;
                    /** @enum {unknown} */
                    code?: "too-many-requests";
                };
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: {
        /** @description Every answer of an authenticated route, success or problem */
        CacheControl: "no-store";
        /** @description This is the stored answer to an earlier request with the same Idempotency-Key */
        IdempotentReplayed: "true";
        /** @description Seconds to wait before retrying (with the same Idempotency-Key for a write) */
        RetryAfter: string;
        /** @description The methods this path answers */
        Allow: string;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @constant */
                        status: "ok";
                    };
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Public.Problem500.internal"];
        };
    };
    getOpenApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Public.Problem500.internal"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (any live grant); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The patient */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getPractice: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (any live grant); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The practice */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Practice"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listSlots: {
        parameters: {
            query: {
                limit?: number;
                nextToken?: string;
                from: string;
                to: string;
                type?: string;
                channel?: "in-person" | "telephone" | "video";
                clinician?: string;
            };
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover appointments); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of free slots */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Slot"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listAppointments: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
                when?: "upcoming" | "past" | "all";
            };
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover appointments); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of appointments */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Appointment"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    bookAppointment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover appointments); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    slotId: string;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description The new appointment */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    /** @description Where the new resource is */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            409: components["responses"]["Problem409.idempotency-in-progress.slot-unavailable"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse.outside-booking-horizon.slot-in-past.slot-not-found.too-many-appointments"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getAppointment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover appointments); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The appointment */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    cancelAppointment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover appointments); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The cancelled appointment */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.already-cancelled.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.cancellation-too-late.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    rescheduleAppointment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover appointments); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    slotId: string;
                };
            };
        };
        responses: {
            /** @description The new appointment */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    /** @description Where the new resource is */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.already-cancelled.idempotency-in-progress.slot-unavailable"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.cancellation-too-late.idempotency-key-reuse.outside-booking-horizon.slot-in-past.slot-not-found.too-many-appointments"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    updatePracticeSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    bookingHorizonDays?: number;
                    maxActiveAppointments?: number;
                    cancellationCutoffMinutes?: number;
                    listSize?: number;
                    annualGrowthTarget?: number;
                    /** @description The GP system supplier named in the POMI CSV; starts with a letter or digit */
                    systemSupplier?: string & (unknown & unknown);
                    /** @description Hours before an appointment its reminder falls due (whole hours, 0 to 168); 0 sends no reminders */
                    reminderHoursBefore?: number;
                    auditRetentionYears?: number | null;
                    servicesOffered?: {
                        appointments?: boolean;
                        prescriptions?: boolean;
                        record?: boolean;
                    };
                };
            };
        };
        responses: {
            /** @description The full settings */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PracticeSettings"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getPatient: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The patient */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffPatient"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    registerPatient: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD from 1900-01-01, not after today in the practice time zone
                     */
                    dateOfBirth: string;
                    services: {
                        appointments: boolean;
                        prescriptions: boolean;
                        /** @enum {string} */
                        record: "none" | "summary" | "detailed";
                    };
                };
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Patient"];
                };
            };
            /** @description Registered */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    /** @description Where the new resource is */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Patient"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    removePatient: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    reason: "left-practice" | "deceased" | "other";
                };
            };
        };
        responses: {
            /** @description Left (also when the patient had already left) */
            204: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listSlotBoard: {
        parameters: {
            query: {
                limit?: number;
                nextToken?: string;
                from: string;
                to: string;
                clinician?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of slots, by start */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["BoardSlot"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    publishSlots: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    slots: {
                        /**
                         * Format: date-time
                         * @description RFC 3339 timestamp, years 1900 to 2100
                         */
                        start: string;
                        /**
                         * Format: date-time
                         * @description RFC 3339 timestamp, years 1900 to 2100
                         */
                        end: string;
                        /** @description Shown as given; names differing only in case, spacing or punctuation are one clinician */
                        clinician: string;
                        /** @description e.g. "GP", "Nurse" */
                        type: string;
                        /** @enum {string} */
                        channel: "in-person" | "telephone" | "video";
                        /**
                         * @description false: held back for the practice to book (phone or desk); never listed to or bookable by patients
                         * @default true
                         */
                        bookableOnline?: boolean;
                    }[];
                };
            };
        };
        responses: {
            /** @description The new slots */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PublishedSlot"][];
                    };
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            409: components["responses"]["Problem409.idempotency-in-progress.slot-overlap"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    withdrawSlot: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                slotId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Withdrawn */
            204: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress.slot-booked"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listDayAppointments: {
        parameters: {
            query: {
                limit?: number;
                nextToken?: string;
                date: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of appointments */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Appointment"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    staffBookAppointment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    slotId: string;
                    /**
                     * @description 10-digit NHS number (Modulus 11 check digit)
                     * @example 9990000018
                     */
                    nhsNumber: string;
                    description?: string;
                };
            };
        };
        responses: {
            /** @description The new appointment (bookedBy practice) */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    /** @description Where the new resource is */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress.slot-unavailable"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse.slot-in-past.slot-not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    staffCancelAppointment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The cancelled appointment */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.already-cancelled.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.cancellation-too-late.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listMedications: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
            };
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover prescriptions); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of repeat medications */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Medication"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listPrescriptions: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
                status?: "requested" | "approved" | "rejected" | "issued" | "withdrawn";
            };
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover prescriptions); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of prescription requests */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PrescriptionRequest"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    orderPrescription: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover prescriptions); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    medicationIds: string[];
                    /** @description ODS code of the nominated pharmacy */
                    pharmacy?: string;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description The new request */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    /** @description Where the new resource is */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrescriptionRequest"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse.medication-not-found.medication-not-orderable"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getPrescription: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover prescriptions); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The prescription request */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrescriptionRequest"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    withdrawPrescription: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover prescriptions); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The withdrawn request */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrescriptionRequest"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress.invalid-transition"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listPatientMedications: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
            };
            header?: never;
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of repeat medications */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["StaffMedication"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    addMedication: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example Amlodipine 5mg tablets */
                    name: string;
                    /** @example One tablet daily */
                    dosage: string;
                    /** @example 28 */
                    quantity: number;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD in the practice time zone, 1900-01-01 to 2100-12-31
                     */
                    reviewDate: string;
                    /** @default 21 */
                    minDaysBetweenOrders?: number;
                };
            };
        };
        responses: {
            /** @description The new repeat medication */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Medication"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listPracticePrescriptions: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
                status?: "requested" | "approved" | "rejected" | "issued" | "withdrawn";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of prescription requests */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PrescriptionRequest"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    approvePrescription: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    rejectItems?: {
                        medicationId: string;
                        reason: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description The approved request */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrescriptionRequest"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress.invalid-transition"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    rejectPrescription: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason: string;
                };
            };
        };
        responses: {
            /** @description The rejected request */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrescriptionRequest"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress.invalid-transition"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    issuePrescription: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The issued request */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PrescriptionRequest"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress.invalid-transition"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getRecord: {
        parameters: {
            query?: never;
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover record); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PatientRecord"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getPatientRecord: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffRecordView"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    replaceRecord: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    allergies: components["schemas"]["CodedEntry"][];
                    problems: components["schemas"]["CodedEntry"][];
                    immunisations: components["schemas"]["CodedEntry"][];
                    testResults: components["schemas"]["CodedEntry"][];
                };
            };
        };
        responses: {
            /** @description The record as stored */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoredRecord"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listAudit: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
                nhsNumber?: string;
                from?: string;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of audit entries */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditEntry"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getStaffPractice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The practice */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Practice"];
                };
            };
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listPatientAppointments: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
                when?: "upcoming" | "past" | "all";
            };
            header?: never;
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of appointments */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Appointment"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listPatientPrescriptions: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
                status?: "requested" | "approved" | "rejected" | "issued" | "withdrawn";
            };
            header?: never;
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of prescription requests */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PrescriptionRequest"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    discontinueMedication: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
                medicationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Discontinued */
            204: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    changeMedication: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
                medicationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example One tablet daily */
                    dosage?: string;
                    /** @example 28 */
                    quantity?: number;
                    /**
                     * Format: date
                     * @description YYYY-MM-DD in the practice time zone, 1900-01-01 to 2100-12-31
                     */
                    reviewDate?: string;
                    minDaysBetweenOrders?: number;
                };
            };
        };
        responses: {
            /** @description The medication */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaffMedication"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listRecordAccess: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
            };
            header?: {
                /** @description Act as a proxy for this patient (their NHS number): the request is made for them, within the services their grant gives (it must cover record); not their proxy, revoked or ended: 403 forbidden; service not granted: 403 service-not-enabled */
                "Acting-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of record views */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["RecordAccess"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden.service-not-enabled"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getNotificationPreferences: {
        parameters: {
            query?: never;
            header?: {
                /** @description Not accepted here: this is personal to the signed-in patient, so a request acting for someone else is 403 forbidden */
                "Acting-For"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The preferences */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferences"];
                };
            };
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    updateNotificationPreferences: {
        parameters: {
            query?: never;
            header?: {
                /** @description Not accepted here: this is personal to the signed-in patient, so a request acting for someone else is 403 forbidden */
                "Acting-For"?: string;
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email?: string | null;
                    mobile?: string | null;
                    appointmentReminders?: boolean;
                    statusUpdates?: boolean;
                };
            };
        };
        responses: {
            /** @description The preferences */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferences"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getMonthlyReport: {
        parameters: {
            query?: {
                format?: "json" | "csv" | "html";
            };
            header?: never;
            path: {
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report, in the format asked for */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    /** @description format=csv: an attachment with the file name */
                    "Content-Disposition"?: string;
                    /** @description format=html: the page may load and run nothing */
                    "Content-Security-Policy"?: string;
                    /** @description format=html: nosniff */
                    "X-Content-Type-Options"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonthlyReport"];
                    "text/csv": string;
                    "text/html": string;
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    generateMonthlyReport: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonthlyReport"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listInvitations: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
            };
            header?: never;
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of invitations */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Invitation"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    issueInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": Record<string, never>;
            };
        };
        responses: {
            /** @description The letter’s details; the linkage key is shown only here */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedInvitation"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.already-linked.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                invitationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    unlinkAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unlinked (or nothing was linked) */
            204: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    linkAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description Not accepted here: this is personal to the signed-in patient, so a request acting for someone else is 403 forbidden */
                "Acting-For"?: string;
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    practice: string;
                    accountId: string;
                    linkageKey: string;
                    /**
                     * Format: date
                     * @description The patient’s date of birth, YYYY-MM-DD
                     */
                    dateOfBirth: string;
                };
            };
        };
        responses: {
            /** @description Linked: the next token of this sign-in carries practice and nhs_number */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkedAccount"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            409: components["responses"]["Problem409.already-linked.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse.linkage-failed"];
            423: components["responses"]["Problem423.linkage-locked"];
            429: components["responses"]["Problem429.too-many-requests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    putProxy: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
                proxyNhsNumber: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description Who the patient is to the proxy, as the proxy sees it (e.g. mother, son); shown when they switch profile
                     * @example mother
                     */
                    relationship: string;
                    services: {
                        appointments: boolean;
                        prescriptions: boolean;
                        /** @enum {string} */
                        record: "none" | "summary" | "detailed";
                    };
                    /**
                     * Format: date
                     * @description The last day of access (practice time zone): it ends after this day, so a past date ends it now
                     */
                    until?: string;
                };
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProxyGrant"];
                };
            };
            /** @description Granted */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProxyGrant"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    revokeProxy: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                nhsNumber: string;
                proxyNhsNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or there was no grant) */
            204: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listProxies: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
            };
            header?: never;
            path: {
                nhsNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of grants */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ProxyGrant"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getRegisteredPractice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ods: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The practice */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredPractice"];
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    putPractice: {
        parameters: {
            query?: never;
            header?: {
                /** @description Same key + same request (method, path, Acting-For, body) within 24 h replays the first 2xx response (Idempotent-Replayed: true) */
                "Idempotency-Key"?: string;
            };
            path: {
                ods: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @default Europe/London */
                    timeZone?: string;
                    regionCode?: string;
                    regionName?: string;
                    subIcbCode?: string;
                    subIcbName?: string;
                };
            };
        };
        responses: {
            /** @description The practice, changed */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredPractice"];
                };
            };
            /** @description The practice, added */
            201: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RegisteredPractice"];
                };
            };
            400: components["responses"]["Problem400.invalid-json.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            409: components["responses"]["Problem409.idempotency-in-progress"];
            413: components["responses"]["Problem413.payload-too-large"];
            415: components["responses"]["Problem415.unsupported-media-type"];
            422: components["responses"]["Problem422.idempotency-key-reuse"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    listPractices: {
        parameters: {
            query?: {
                limit?: number;
                nextToken?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of practices */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["RegisteredPractice"][];
                        nextToken?: string;
                    };
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
    getSummaryReport: {
        parameters: {
            query?: {
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                month: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The summary (format=json); format=csv answers text/csv */
            200: {
                headers: {
                    "Cache-Control": components["headers"]["CacheControl"];
                    /** @description format=csv: an attachment with the file name */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportSummary"];
                    "text/csv": string;
                };
            };
            400: components["responses"]["Problem400.validation-failed"];
            401: components["responses"]["Problem401.unauthenticated"];
            403: components["responses"]["Problem403.forbidden"];
            404: components["responses"]["Problem404.not-found"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["Problem500.internal"];
            503: components["responses"]["Problem503.unavailable"];
        };
    };
}
