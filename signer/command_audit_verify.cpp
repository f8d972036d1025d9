// otter-sign audit-verify: check the hash chain of an exported audit log.
#include "signer/cli.h"
#include "signer/commands.h"

namespace otter::sign {

int runAuditVerify(const QStringList &arguments)
{
    Q_UNUSED(arguments);
    printError(QStringLiteral("otter-sign audit-verify: not available in this build"));
    return UsageError;
}

} // namespace otter::sign
