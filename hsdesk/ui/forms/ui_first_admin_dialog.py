# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_admin_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_FirstAdminDialog(object):
    def setupUi(self, FirstAdminDialog):
        if not FirstAdminDialog.objectName():
            FirstAdminDialog.setObjectName(u"FirstAdminDialog")
        FirstAdminDialog.resize(460, 200)
        FirstAdminDialog.setModal(True)
        self.verticalLayout = QVBoxLayout(FirstAdminDialog)
        self.verticalLayout.setObjectName(u"verticalLayout")
        self.introLabel = QLabel(FirstAdminDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.verticalLayout.addWidget(self.introLabel)

        self.formLayout = QFormLayout()
        self.formLayout.setObjectName(u"formLayout")
        self.formLayout.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        self.firstNameLabel = QLabel(FirstAdminDialog)
        self.firstNameLabel.setObjectName(u"firstNameLabel")

        self.formLayout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.firstNameLabel)

        self.firstName = QLineEdit(FirstAdminDialog)
        self.firstName.setObjectName(u"firstName")
        self.firstName.setMaxLength(100)

        self.formLayout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.firstName)

        self.lastNameLabel = QLabel(FirstAdminDialog)
        self.lastNameLabel.setObjectName(u"lastNameLabel")

        self.formLayout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.lastNameLabel)

        self.lastName = QLineEdit(FirstAdminDialog)
        self.lastName.setObjectName(u"lastName")
        self.lastName.setMaxLength(100)

        self.formLayout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.lastName)

        self.kindLabel = QLabel(FirstAdminDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.kindLabel)

        self.kind = QComboBox(FirstAdminDialog)
        self.kind.setObjectName(u"kind")

        self.formLayout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.kind)

        self.usernameLabel = QLabel(FirstAdminDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.formLayout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.username = QLineEdit(FirstAdminDialog)
        self.username.setObjectName(u"username")
        self.username.setMaxLength(50)

        self.formLayout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.username)

        self.passwordLabel = QLabel(FirstAdminDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.formLayout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.password = QLineEdit(FirstAdminDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.Password)

        self.formLayout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.password)

        self.confirmLabel = QLabel(FirstAdminDialog)
        self.confirmLabel.setObjectName(u"confirmLabel")

        self.formLayout.setWidget(5, QFormLayout.ItemRole.LabelRole, self.confirmLabel)

        self.confirm = QLineEdit(FirstAdminDialog)
        self.confirm.setObjectName(u"confirm")
        self.confirm.setEchoMode(QLineEdit.Password)

        self.formLayout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.confirm)


        self.verticalLayout.addLayout(self.formLayout)

        self.buttonBox = QDialogButtonBox(FirstAdminDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.verticalLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.firstNameLabel.setBuddy(self.firstName)
        self.lastNameLabel.setBuddy(self.lastName)
        self.kindLabel.setBuddy(self.kind)
        self.usernameLabel.setBuddy(self.username)
        self.passwordLabel.setBuddy(self.password)
        self.confirmLabel.setBuddy(self.confirm)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(FirstAdminDialog)

        QMetaObject.connectSlotsByName(FirstAdminDialog)
    # setupUi

    def retranslateUi(self, FirstAdminDialog):
        FirstAdminDialog.setWindowTitle(QCoreApplication.translate("FirstAdminDialog", u"Set up hsdesk", None))
        self.introLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"This database has no sign-in accounts yet. Enter your own details: you will be its first administrator, and can then add everyone else.", None))
        self.firstNameLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"&First name", None))
        self.lastNameLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"&Last name", None))
        self.kindLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"&Role", None))
        self.usernameLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"&Username", None))
        self.username.setPlaceholderText(QCoreApplication.translate("FirstAdminDialog", u"e.g. h.whitworth", None))
        self.passwordLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"&Password", None))
        self.confirmLabel.setText(QCoreApplication.translate("FirstAdminDialog", u"Password a&gain", None))
    # retranslateUi

