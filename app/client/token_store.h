// Operator tokens in the system keyring (QtKeychain). Where no keyring exists (headless machines, CI) the
// token is kept in memory for this run only, and the operator is told so. Never written to a plain file.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>

namespace otter::client {

class TokenStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStore)

public:
    explicit TokenStore(QObject *parent = nullptr);
    ~TokenStore() override;

    static QString serviceName(); // "otter-console"
    static QString keyFor(const QString &address, const QString &operatorName);
    // The sentence shown when tokens cannot go into a keyring.
    static QString noKeyringMessage();

    // Asynchronous: each answers with exactly one signal.
    void store(const QString &address, const QString &operatorName, const QString &token);
    void load(const QString &address, const QString &operatorName);
    void forget(const QString &address, const QString &operatorName);

    // False once a keyring call failed for lack of a backend; later calls then skip the keyring.
    bool keyringAvailable() const { return m_keyringAvailable; }

signals:
    // inKeyring false: kept in memory only; `message` says so for the operator.
    void stored(const QString &address, const QString &operatorName, bool inKeyring, const QString &message);
    // An empty token: none is stored. `message` is non-empty when the keyring could not be asked.
    void loaded(const QString &address, const QString &operatorName, const QString &token,
                const QString &message);
    void forgotten(const QString &address, const QString &operatorName);

private:
    QHash<QString, QString> m_sessionTokens;
    bool m_keyringAvailable = true;
};

} // namespace otter::client
