// Result<T>: a value or an error an operator can read. Domain code returns these instead of throwing.
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace otter {

// Broad error kinds; callers branch on the kind, operators read the message.
enum class ErrorKind {
    InvalidInput, // malformed or out-of-range data supplied by the caller
    Tampered,     // a signature or hash does not match: the data was changed
    Untrusted,    // well-formed, but signed by a key we do not trust
    NotFound,     // a file, member or object is missing
    TooLarge,     // a size cap was exceeded before reading further
    Io,           // the operating system refused a read or write
    Internal,     // a library call failed in a way the caller cannot fix
};

struct Error
{
    ErrorKind kind = ErrorKind::Internal;
    QString message;
};

template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_state(std::move(value))
    {}
    Result(Error error)
        : m_state(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    T &operator*() & { return value(); }
    const T *operator->() const { return &value(); }
    T *operator->() { return &value(); }

    const Error &error() const { return std::get<Error>(m_state); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_state;
};

// Result<void> carries only success or an error.
template<>
class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
        , m_failed(true)
    {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }
    QString errorMessage() const { return m_failed ? m_error.message : QString(); }

private:
    Error m_error;
    bool m_failed = false;
};

inline Error makeError(ErrorKind kind, QString message)
{
    return Error{kind, std::move(message)};
}

} // namespace otter
