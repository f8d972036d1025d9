// Owns the client thread and the ConsoleClient living on it.
#include "app/client/client_thread.h"

#include "app/client/console_client.h"

using namespace Qt::StringLiterals;

namespace otter::client {

ClientThread::ClientThread()
    : m_client(new ConsoleClient)
{
    m_thread.setObjectName(u"otter-client"_s);
    m_client->moveToThread(&m_thread);
    // A deleteLater() posted as the thread finishes is carried out by the finishing thread itself.
    QObject::connect(&m_thread, &QThread::finished, m_client, &QObject::deleteLater);
    m_thread.start();
}

ClientThread::~ClientThread()
{
    m_thread.quit();
    m_thread.wait();
}

} // namespace otter::client
