// Checks a server address typed by an operator ("host:port") and says what is wrong in words.
#pragma once

#include <QString>

namespace otter::ui {

// Accepts host names, IPv4 addresses and bracketed IPv6 addresses ("[::1]:8443"), each with a port 1–65535.
// Returns an empty string when the address is usable, otherwise a sentence naming the problem.
QString serverAddressProblem(const QString &address);

} // namespace otter::ui
