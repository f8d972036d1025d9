// CountTile: one big number with a caption, for the dashboard's at-a-glance counts.
#pragma once

#include <QFrame>

#include <optional>

class QLabel;

namespace otter::ui {

enum class Semantic;

class CountTile final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CountTile)

public:
    explicit CountTile(const QString &caption, QWidget *parent = nullptr);

    // highlight colours the number (e.g. failures in red) only when value is not zero.
    void setValue(qint64 value, std::optional<Semantic> highlight = std::nullopt);
    QString valueText() const;

private:
    QLabel *m_value = nullptr;
};

} // namespace otter::ui
