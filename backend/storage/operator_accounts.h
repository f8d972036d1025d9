// Operator accounts: name, role and the hash of their bearer token.
#pragma once

#include "backend/storage/database.h"
#include "otter/v1/common.pb.h"

#include <optional>

namespace otter::backend {

struct OperatorAccount
{
    QString name;
    v1::Role role = v1::ROLE_UNSPECIFIED;
    QDateTime createdAt;
};

QString roleName(v1::Role role);
std::optional<v1::Role> roleFromName(const QString &name);

// Creates the account, or gives an existing one a new token (and role); returns the token, shown only once.
Result<QString> addOperator(Database &database, const QString &name, v1::Role role, const QString &actor);
Result<std::optional<OperatorAccount>> findOperatorByToken(SqliteConnection &connection,
                                                           const QString &token);
Result<QList<OperatorAccount>> listOperators(Database &database);

bool isValidObjectId(QStringView id); // [a-z0-9][a-z0-9._-]{0,63}, as common.proto defines ids

} // namespace otter::backend
