// The trust-on-first-use rule for a server's CA.
#include "app/client/pin_policy.h"

#include "core/certificate.h"

#include <QCoreApplication>

namespace otter::client {

PinVerdict checkPin(const models::ServerProfile &profile, const ProbedCa &presented)
{
    if (profile.caPem.isEmpty())
        return {PinVerdict::FirstContact, {}};
    // The fingerprint is recomputed from the pinned PEM: a hand-edited settings file cannot make a
    // fingerprint and a certificate disagree.
    const auto pinned = inspectCertificate(profile.caPem);
    const QString pinnedFingerprint = pinned ? pinned->fingerprint : profile.caFingerprint;
    if (pinned && pinnedFingerprint == presented.fingerprint)
        return {PinVerdict::Match, {}};
    return {
        PinVerdict::Changed,
        QCoreApplication::translate("otter::client::PinPolicy",
                                    "The CA certificate of %1 has changed: the pinned CA has fingerprint %2, "
                                    "the server now presents %3. The connection was refused; if the server's "
                                    "CA was replaced on purpose, remove the server and add it again.")
            .arg(profile.address, pinnedFingerprint, presented.fingerprint)};
}

} // namespace otter::client
