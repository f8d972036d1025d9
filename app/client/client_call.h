// How ConsoleClient runs one unary call with the gRPC callback API: the call's state is shared with the
// callback, the result is posted back to the client thread together with the state, and answers of an older
// connection generation are dropped there. Private to the client's implementation files.
#pragma once

#include "app/client/call_mailbox.h"
#include "app/client/console_client.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>

namespace otter::client {

template<typename Request, typename Response>
struct UnaryCall
{
    // Keeps the channel alive for as long as the call may run (the context holds it too once started). The
    // state must therefore be released on the client thread: see CallMailbox.
    std::shared_ptr<grpc::Channel> channel;
    grpc::ClientContext context;
    Request request;
    Response response;
};

// done(status, call) runs on the client thread, only while the generation is still current.
template<typename Call, typename Launch, typename Done>
void ConsoleClient::dispatch(std::shared_ptr<Call> call, int deadlineMs, Launch launch, Done done)
{
    call->channel = m_channel;
    prepare(call->context, deadlineMs);
    track(std::shared_ptr<grpc::ClientContext>(call, &call->context));
    const quint64 generation = m_generation;
    auto mailbox = m_mailbox;
    mailbox->begin();
    launch(call.get(), [this, mailbox, call, generation, done](grpc::Status status) mutable {
        // On a gRPC thread: only post. The call's state moves into the posted function, so that gRPC cannot
        // drop its last reference here once the client thread is done with it.
        mailbox->post([this, call = std::move(call), generation, done = std::move(done), status] {
            if (generation == m_generation)
                done(status, *call);
        });
        mailbox->end();
    });
}

} // namespace otter::client
