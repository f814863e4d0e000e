package com.clinicbackbone.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.clinicbackbone.notification.contact.Channel;
import com.clinicbackbone.notification.delivery.Deliveries;
import com.clinicbackbone.notification.delivery.Delivery;
import com.clinicbackbone.notification.delivery.ProviderStatus;
import com.clinicbackbone.notification.notification.sms.TwilioSignature;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Twilio's status callbacks with the fields Twilio really posts (AccountSid, ApiVersion, From, To, MessageSid,
 * SmsSid, MessageStatus, SmsStatus and, for undelivered and failed, ErrorCode), signed as Twilio signs them: each
 * updates the delivery log's record and the notification, in the order a message goes through them.
 */
class SmsStatusCallbackIntegrationTest extends RunningServiceTest {

    @Autowired
    Deliveries deliveries;

    @Test
    void everyTwilioStatusIsRecordedOnTheDeliveryAndTheNotificationAndALateOneDoesNotGoBack() throws Exception {
        String sid = sentSms("apt-cb-1");

        callback(sid, "queued", null);
        assertThat(delivery("apt-cb-1").providerStatus()).isEqualTo(ProviderStatus.QUEUED);
        callback(sid, "sending", null);
        callback(sid, "sent", null);
        assertThat(delivery("apt-cb-1").providerStatus()).isEqualTo(ProviderStatus.SENT);
        assertThat(notification("apt-cb-1").getString("deliveryStatus")).isEqualTo("sent");

        callback(sid, "undelivered", "30003");
        callback(sid, "sent", null); // a late callback, overtaken by the final status
        assertThat(delivery("apt-cb-1")).satisfies(delivery -> {
            assertThat(delivery.providerStatus()).isEqualTo(ProviderStatus.UNDELIVERED);
            assertThat(delivery.providerErrorCode()).isEqualTo("30003");
        });
        assertThat(notification("apt-cb-1").getString("deliveryStatus")).isEqualTo("undelivered");
        assertThat(notification("apt-cb-1").get("deliveredAt")).isNull();
    }

    @Test
    void deliveredRecordsTheDeliveryTimeAndFailedItsErrorCode() throws Exception {
        String delivered = sentSms("apt-cb-2");
        String failed = sentSms("apt-cb-3");

        callback(delivered, "delivered", null);
        callback(failed, "failed", "30006");

        assertThat(delivery("apt-cb-2").providerStatus()).isEqualTo(ProviderStatus.DELIVERED);
        assertThat(notification("apt-cb-2").getString("deliveryStatus")).isEqualTo("delivered");
        assertThat(notification("apt-cb-2").getDate("deliveredAt")).isNotNull();
        assertThat(delivery("apt-cb-3")).satisfies(delivery -> {
            assertThat(delivery.providerStatus()).isEqualTo(ProviderStatus.FAILED);
            assertThat(delivery.providerErrorCode()).isEqualTo("30006");
        });
        assertThat(notification("apt-cb-3").getString("deliveryStatus")).isEqualTo("failed");
    }

    @Test
    void aStatusTwilioDoesNotDocumentIsAcknowledgedAndChangesNothing() throws Exception {
        String sid = sentSms("apt-cb-4");
        callback(sid, "sent", null);

        callback(sid, "teleported", null);

        assertThat(delivery("apt-cb-4").providerStatus()).isEqualTo(ProviderStatus.SENT);
        assertThat(notification("apt-cb-4").getString("deliveryStatus")).isEqualTo("sent");
    }

    /** A confirmation SMS as the dispatcher leaves it once Twilio took it: notification SENT, delivery SENT. */
    private String sentSms(String appointmentId) {
        String id = appointmentId + ":CONFIRMATION:SMS";
        String sid = "SM" + Integer.toHexString(appointmentId.hashCode()) + "0123456789abcdef0123456789";
        mongo.insert(new Document("_id", id).append("appointmentId", appointmentId).append("patientId", "pat-cb")
                .append("clinicId", "running-shoe").append("kind", "CONFIRMATION").append("channel", "SMS")
                .append("status", "SENT").append("providerMessageId", sid), "notifications");
        deliveries.begin(id, Channel.SMS, "instance-cb", Instant.now());
        deliveries.sent(id, 1, sid, Instant.now());
        return sid;
    }

    private void callback(String sid, String status, String errorCode) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("AccountSid", ACCOUNT_SID);
        fields.put("ApiVersion", "2010-04-01");
        fields.put("From", "+15875550100");
        fields.put("To", "+15875550177");
        fields.put("MessageSid", sid);
        fields.put("SmsSid", sid);
        fields.put("MessageStatus", status);
        fields.put("SmsStatus", status);
        if (errorCode != null) {
            fields.put("ErrorCode", errorCode);
        }
        Map<String, List<String>> signed = new LinkedHashMap<>();
        MockHttpServletRequestBuilder request = post("/api/sms/status")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED);
        fields.forEach((name, value) -> {
            signed.put(name, List.of(value));
            request.param(name, value);
        });
        mvc.perform(request.header("X-Twilio-Signature", TwilioSignature.compute(AUTH_TOKEN, STATUS_CALLBACK, signed)))
                .andExpect(status().isNoContent());
    }

    private Delivery delivery(String appointmentId) {
        return deliveries.find(appointmentId + ":CONFIRMATION:SMS").orElseThrow();
    }

    private Document notification(String appointmentId) {
        return mongo.findById(appointmentId + ":CONFIRMATION:SMS", Document.class, "notifications");
    }
}
