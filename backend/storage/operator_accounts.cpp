// Operator accounts: name, role and the hash of their bearer token.
#include "backend/storage/operator_accounts.h"

#include "backend/server/tokens.h"

#include <QRegularExpression>

namespace otter::backend {

QString roleName(v1::Role role)
{
    switch (role) {
    case v1::ROLE_VIEWER:
        return QStringLiteral("viewer");
    case v1::ROLE_OPERATOR:
        return QStringLiteral("operator");
    case v1::ROLE_APPROVER:
        return QStringLiteral("approver");
    case v1::ROLE_ADMIN:
        return QStringLiteral("admin");
    default:
        return QStringLiteral("none");
    }
}

std::optional<v1::Role> roleFromName(const QString &name)
{
    for (v1::Role role : {v1::ROLE_VIEWER, v1::ROLE_OPERATOR, v1::ROLE_APPROVER, v1::ROLE_ADMIN}) {
        if (roleName(role) == name)
            return role;
    }
    return std::nullopt;
}

bool isValidObjectId(QStringView id)
{
    static const QRegularExpression pattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{0,63}$"));
    return pattern.match(id).hasMatch();
}

Result<QString> addOperator(Database &database, const QString &name, v1::Role role, const QString &actor)
{
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"));
    if (!namePattern.match(name).hasMatch())
        return makeError(ErrorKind::InvalidInput,
                         QStringLiteral("operator name \"%1\" must be 1-64 letters, digits, "
                                        "'.', '_', '@' or '-'")
                             .arg(name));
    const QString token = newOperatorToken();
    auto written = database.write([&](WriteContext &tx) -> Result<QString> {
        auto upsert =
            tx.sql().prepare("INSERT INTO operators (name, role, token_hash, created_at) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
                             "token_hash = excluded.token_hash");
        if (!upsert)
            return upsert.error();
        upsert->bind(1, name)
            .bind(2, int(role))
            .bind(3, hashToken(token))
            .bind(4, QDateTime::currentSecsSinceEpoch());
        if (auto ok = upsert->run(); !ok)
            return ok.error();
        if (auto ok =
                tx.audit({actor, QStringLiteral("operator.add"), QStringLiteral("operator/%1").arg(name),
                          QJsonObject{{QStringLiteral("role"), roleName(role)}}});
            !ok)
            return ok.error();
        return token;
    });
    return written;
}

Result<std::optional<OperatorAccount>> findOperatorByToken(SqliteConnection &connection, const QString &token)
{
    auto query = connection.prepare("SELECT name, role, created_at FROM operators WHERE token_hash = ?");
    if (!query)
        return query.error();
    query->bind(1, hashToken(token));
    if (!query->next()) {
        if (query->failed())
            return query->error();
        return std::optional<OperatorAccount>();
    }
    return std::optional<OperatorAccount>(OperatorAccount{
        query->text(0), v1::Role(query->int64(1)), QDateTime::fromSecsSinceEpoch(query->int64(2), Qt::UTC)});
}

Result<QList<OperatorAccount>> listOperators(Database &database)
{
    return database.read([](SqliteConnection &connection) -> Result<QList<OperatorAccount>> {
        auto query = connection.prepare("SELECT name, role, created_at FROM operators ORDER BY name");
        if (!query)
            return query.error();
        QList<OperatorAccount> accounts;
        while (query->next())
            accounts.append({query->text(0), v1::Role(query->int64(1)),
                             QDateTime::fromSecsSinceEpoch(query->int64(2), Qt::UTC)});
        if (query->failed())
            return query->error();
        return accounts;
    });
}

} // namespace otter::backend
