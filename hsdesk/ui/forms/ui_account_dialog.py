# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'account_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_AccountDialog(object):
    def setupUi(self, AccountDialog):
        if not AccountDialog.objectName():
            AccountDialog.setObjectName(u"AccountDialog")
        AccountDialog.resize(460, 200)
        AccountDialog.setModal(True)
        self.verticalLayout = QVBoxLayout(AccountDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.personNameLabel = QLabel(AccountDialog)
        self.personNameLabel.setObjectName(u"personNameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.personNameLabel)

        self.personName = QLabel(AccountDialog)
        self.personName.setObjectName(u"personName")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.personName)

        self.usernameLabel = QLabel(AccountDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.username = QLineEdit(AccountDialog)
        self.username.setObjectName(u"username")
        self.username.setMaxLength(50)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.username)

        self.passwordLabel = QLabel(AccountDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.password = QLineEdit(AccountDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.Password)

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.password)

        self.confirmLabel = QLabel(AccountDialog)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirm = QLineEdit(AccountDialog)
        self.confirm.setObjectName(u"confirm")
        self.confirm.setEchoMode(QLineEdit.Password)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.confirm)

        self.isAdmin = QCheckBox(AccountDialog)
        self.isAdmin.setObjectName(u"isAdmin")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.SpanningRole, self.isAdmin)


        self.verticalLayout.addLayout(self.formLayout)

        self.passwordHint = QLabel(AccountDialog)
        self.passwordHint.setObjectName(u"passwordHint")
        self.passwordHint.setWordWrap(True)

        self.verticalLayout.addWidget(self.passwordHint)

        self.buttonBox = QDialogButtonBox(AccountDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Save)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.personNameLabel.setBuddy(self.personName)
        self.usernameLabel.setBuddy(self.username)
        self.passwordLabel.setBuddy(self.password)
        self.confirmLabel.setBuddy(self.confirm)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(AccountDialog)

        QMetaObject.connectSlotsByName(AccountDialog)
    # setupUi

    def retranslateUi(self, AccountDialog):
        AccountDialog.setWindowTitle(QCoreApplication.translate("AccountDialog", u"Sign-in account", None))
        self.personNameLabel.setText(QCoreApplication.translate("AccountDialog", u"Pe&rson", None))
        self.usernameLabel.setText(QCoreApplication.translate("AccountDialog", u"&Username", None))
        self.username.setPlaceholderText(QCoreApplication.translate("AccountDialog", u"e.g. j.smith", None))
        self.passwordLabel.setText(QCoreApplication.translate("AccountDialog", u"&Password", None))
        self.confirmLabel.setText(QCoreApplication.translate("AccountDialog", u"Password a&gain", None))
        self.isAdmin.setText(QCoreApplication.translate("AccountDialog", u"A&dministrator (can manage accounts)", None))
        self.passwordHint.setText(QCoreApplication.translate("AccountDialog", u"Passwords are at least 8 characters. The person can change it themselves after signing in.", None))
    # retranslateUi

