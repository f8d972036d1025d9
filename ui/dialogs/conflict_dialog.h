// An outbox draft met a newer server version: both versions field by field, and the operator decides.
#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QStringList>

class QLabel;
class QTableWidget;

namespace otter::ui {

class ConflictDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConflictDialog)

public:
    enum class Choice { DecideLater, KeepMine, UseServers };
    Q_ENUM(Choice)

    enum Column { FieldColumn, MineColumn, ServerColumn, ColumnCount };
    // Item data role on every cell of a row: true when mine and the server's differ in that field.
    static constexpr int ChangedRole = Qt::UserRole + 1;

    explicit ConflictDialog(QWidget *parent = nullptr);

    // What the draft is, e.g. "group “edge-eu”", and what happened on the server, for the explanation.
    void setDescription(const QString &objectLabel, const QString &serverChange = {});
    // Both versions as records_json.h writes them; fields are the union of both objects' keys.
    void setVersions(const QJsonObject &mine, const QJsonObject &servers);

    Choice choice() const { return m_choice; }
    QStringList changedFields() const { return m_changed; }

    // How a JSON value is shown in a cell (strings bare, arrays as lists, missing as an em dash).
    static QString displayValue(const QJsonValue &value);

protected:
    void changeEvent(QEvent *event) override;

private:
    void choose(Choice choice);
    void applyHighlight();

    Choice m_choice = Choice::DecideLater;
    QStringList m_changed;
    QLabel *m_explanation = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace otter::ui
