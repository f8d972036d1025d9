// The trust-on-first-use rule for a server's CA, as SSH applies it to host keys.
#pragma once

#include "app/client/ca_probe.h"
#include "models/records.h"

namespace otter::client {

struct PinVerdict
{
    enum Kind {
        FirstContact, // nothing pinned yet: show the fingerprint and ask the operator
        Match,        // the server presents the pinned CA
        Changed,      // the server presents another CA: refuse, never connect
    };
    Kind kind = FirstContact;
    // For Changed: names both fingerprints, so the operator can check with whoever runs otterd.
    QString message;
};

PinVerdict checkPin(const models::ServerProfile &profile, const ProbedCa &presented);

} // namespace otter::client
