package com.clinicbackbone.patient.patient;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every submitted value must meet. Each check adds a {@link Violation} naming the field (never the value)
 * and returns the normalised value. Every string has an upper bound, so an oversized body is refused field by field.
 */
final class PatientRules {

    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_METHOD_LENGTH = 100;
    static final int MAX_LIST_ENTRIES = 10;
    private static final String PHONE_FORMAT = "must be a mobile number in E.164 format, for example +14035550123";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");
    private static final Pattern EMAIL = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");
    /** Letters of any script (with their combining marks), spaces, apostrophes, hyphens and periods. */
    private static final Pattern NAME = Pattern.compile("^(?=.*\\p{L})[\\p{L}'’.\\- ][\\p{L}\\p{M}'’.\\- ]*$");
    private static final Pattern CONTROL_OR_FORMAT = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}]");

    private PatientRules() {
    }

    /** Required; NFC-normalised and stripped. */
    static String name(String field, String value, List<Violation> violations) {
        String name = blankToNull(value);
        if (name == null) {
            violations.add(new Violation(field, "must not be blank"));
            return null;
        }
        name = Normalizer.normalize(name, Normalizer.Form.NFC);
        if (name.length() > MAX_NAME_LENGTH) {
            violations.add(new Violation(field, "must be at most " + MAX_NAME_LENGTH + " characters"));
        } else if (!NAME.matcher(name).matches()) {
            violations.add(new Violation(field,
                    "may contain only letters, spaces, apostrophes, hyphens and periods"));
        }
        return name;
    }

    /** Optional; lower case. */
    static String email(String value, List<Violation> violations) {
        String email = blankToNull(value);
        if (email == null) {
            return null;
        }
        email = email.toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            violations.add(new Violation("email", "must be a valid email address"));
        }
        return email;
    }

    /** Optional; must be E.164 as written and a valid number that can receive SMS (mobile, or fixed or mobile). */
    static String phone(String value, List<Violation> violations) {
        String phone = blankToNull(value);
        if (phone == null) {
            return null;
        }
        if (!E164.matcher(phone).matches()) {
            violations.add(new Violation("phone", PHONE_FORMAT));
        } else if (!isMobileCapable(phone)) {
            violations.add(new Violation("phone", "must be a valid mobile phone number"));
        }
        return phone;
    }

    /** The E.164 form of a phone number written in any way libphonenumber reads with a country code, or null. */
    static String normalisedPhone(String value) {
        try {
            PhoneNumber number = PHONES.parse(value, null);
            return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberFormat.E164) : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static boolean isMobileCapable(String phone) {
        try {
            PhoneNumber number = PHONES.parse(phone, null);
            PhoneNumberType type = PHONES.getNumberType(number);
            return PHONES.isValidNumber(number) && PHONES.format(number, PhoneNumberFormat.E164).equals(phone)
                    && (type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE);
        } catch (NumberParseException e) {
            return false;
        }
    }

    static Language language(String value, List<Violation> violations) {
        Language language = value == null ? null : Language.ofCode(value).orElse(null);
        if (language == null) {
            violations.add(new Violation("language", "must be en or fr"));
        }
        return language;
    }

    static Set<Channel> channels(List<String> values, List<Violation> violations) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (values == null || values.isEmpty()) {
            violations.add(new Violation("channels", "must name at least one of EMAIL, SMS"));
            return channels;
        }
        if (values.size() > MAX_LIST_ENTRIES) {
            violations.add(new Violation("channels", "must have at most " + MAX_LIST_ENTRIES + " entries"));
            return channels;
        }
        for (String value : values) {
            Channel channel = channel(value);
            if (channel == null) {
                violations.add(new Violation("channels", "must contain only EMAIL or SMS"));
                return channels;
            }
            channels.add(channel);
        }
        return channels;
    }

    /** Checks that every chosen channel has its address. */
    static void addressesOfChannels(Set<Channel> channels, String email, String phone, List<Violation> violations) {
        if (channels.contains(Channel.EMAIL) && email == null) {
            violations.add(new Violation("email", "is required when EMAIL is chosen"));
        }
        if (channels.contains(Channel.SMS) && phone == null) {
            violations.add(new Violation("phone", "is required when SMS is chosen"));
        }
    }

    /** Consents by channel, each channel at most once; the field is {@code consents[i].x}. */
    static Map<Channel, ConsentChange> consents(List<ConsentChange> values, List<Violation> violations) {
        Map<Channel, ConsentChange> consents = new EnumMap<>(Channel.class);
        if (values.size() > MAX_LIST_ENTRIES) {
            violations.add(new Violation("consents", "must have at most " + MAX_LIST_ENTRIES + " entries"));
            return consents;
        }
        for (int i = 0; i < values.size(); i++) {
            String field = "consents[" + i + "]";
            ConsentChange change = values.get(i);
            if (change == null) {
                violations.add(new Violation(field, "must not be null"));
                continue;
            }
            Channel channel = channel(change.channel());
            if (channel == null) {
                violations.add(new Violation(field + ".channel", "must be EMAIL or SMS"));
            } else if (consents.containsKey(channel)) {
                violations.add(new Violation(field + ".channel", "names a channel given earlier in the list"));
            }
            if (change.granted() == null) {
                violations.add(new Violation(field + ".granted", "must be true or false"));
            }
            String method = blankToNull(change.method());
            if (method == null) {
                violations.add(new Violation(field + ".method", "must say how the answer was given"));
            } else if (method.length() > MAX_METHOD_LENGTH) {
                violations.add(new Violation(field + ".method",
                        "must be at most " + MAX_METHOD_LENGTH + " characters"));
            } else if (CONTROL_OR_FORMAT.matcher(method).find()) {
                violations.add(new Violation(field + ".method", "must not contain control or format characters"));
            }
            if (channel != null && !consents.containsKey(channel)) {
                consents.put(channel, new ConsentChange(channel.name(), change.granted(),
                        method == null ? null : Normalizer.normalize(method, Normalizer.Form.NFC)));
            }
        }
        return consents;
    }

    static List<Violation> none() {
        return new ArrayList<>();
    }

    static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidPatientException(violations);
        }
    }

    private static Channel channel(String value) {
        try {
            return value == null ? null : Channel.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
