// An UploadRelease refusal in an operator's words: which of otterd's checks failed (from the ErrorDetail
// reason) and the server's own sentence, word for word.
#pragma once

#include "app/client/call_error.h"

namespace otter::client {

struct UploadRefusal
{
    QString failedCheck; // empty when the failure is not one of the release checks
    QString message;
};

UploadRefusal describeUploadRefusal(const CallError &error);

} // namespace otter::client
