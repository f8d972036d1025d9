// The otter-sign subcommands. Each takes its own arguments (without the subcommand name) and returns the
// process exit code: 0 success, 1 the check failed (bad signature, tampered bundle…), 2 usage or I/O error.
#pragma once

#include <QStringList>

namespace otter::sign {

enum ExitCode { Success = 0, CheckFailed = 1, UsageError = 2 };

int runKeygen(const QStringList &arguments);
int runSign(const QStringList &arguments);
int runVerify(const QStringList &arguments);
int runInspect(const QStringList &arguments);
int runAuditVerify(const QStringList &arguments);

} // namespace otter::sign
