// Operator tokens in the system keyring, with an in-memory fallback for machines without one.
#include "app/client/token_store.h"

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace otter::client {

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
{}

TokenStore::~TokenStore() = default;

QString TokenStore::serviceName()
{
    return u"otter-console"_s;
}

QString TokenStore::keyFor(const QString &address, const QString &operatorName)
{
    return address + u'/' + operatorName;
}

QString TokenStore::noKeyringMessage()
{
    return tr("No system keyring is available: the token will be kept only until the console closes.");
}

void TokenStore::store(const QString &address, const QString &operatorName, const QString &token)
{
    const QString key = keyFor(address, operatorName);
    if (!m_keyringAvailable) {
        m_sessionTokens.insert(key, token);
        QMetaObject::invokeMethod(
            this, [=, this] { emit stored(address, operatorName, false, noKeyringMessage()); },
            Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    // Never let QtKeychain write the secret into a settings file when the keyring fails.
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [=, this](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError) {
            m_sessionTokens.remove(key);
            emit stored(address, operatorName, true, {});
            return;
        }
        m_sessionTokens.insert(key, token);
        if (done->error() == QKeychain::AccessDeniedByUser) {
            emit stored(
                address, operatorName, false,
                tr("The system keyring refused to store the token (%1): it will be kept only until the "
                   "console closes.")
                    .arg(done->errorString()));
            return;
        }
        m_keyringAvailable = false;
        emit stored(address, operatorName, false, noKeyringMessage());
    });
    job->start();
}

void TokenStore::load(const QString &address, const QString &operatorName)
{
    const QString key = keyFor(address, operatorName);
    if (m_sessionTokens.contains(key) || !m_keyringAvailable) {
        const QString token = m_sessionTokens.value(key);
        const QString message = m_keyringAvailable ? QString() : noKeyringMessage();
        QMetaObject::invokeMethod(
            this, [=, this] { emit loaded(address, operatorName, token, message); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [=, this](QKeychain::Job *done) {
        const auto *read = static_cast<QKeychain::ReadPasswordJob *>(done);
        switch (done->error()) {
        case QKeychain::NoError:
            emit loaded(address, operatorName, read->textData(), {});
            break;
        case QKeychain::EntryNotFound:
            emit loaded(address, operatorName, {}, {});
            break;
        case QKeychain::AccessDeniedByUser:
            emit loaded(address, operatorName, {},
                        tr("The system keyring refused to give the token (%1).").arg(done->errorString()));
            break;
        default:
            m_keyringAvailable = false;
            emit loaded(address, operatorName, {}, noKeyringMessage());
            break;
        }
    });
    job->start();
}

void TokenStore::forget(const QString &address, const QString &operatorName)
{
    const QString key = keyFor(address, operatorName);
    m_sessionTokens.remove(key);
    if (!m_keyringAvailable) {
        QMetaObject::invokeMethod(
            this, [=, this] { emit forgotten(address, operatorName); }, Qt::QueuedConnection);
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(serviceName(), this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    // A missing entry or keyring is fine: either way no token is left behind.
    connect(job, &QKeychain::Job::finished, this,
            [=, this](QKeychain::Job *) { emit forgotten(address, operatorName); });
    job->start();
}

} // namespace otter::client
