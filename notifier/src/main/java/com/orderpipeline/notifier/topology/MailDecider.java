package com.orderpipeline.notifier.topology;

import com.orderpipeline.notifier.avro.NotifiedOrder;
import com.orderpipeline.notifier.avro.OutgoingMail;
import com.orderpipeline.notifier.avro.ParkedMail;
import com.orderpipeline.notifier.mail.MailEvents;
import com.orderpipeline.notifier.mail.MailFacts;
import com.orderpipeline.notifier.mail.MailRenderer;
import com.orderpipeline.schemas.avro.LineItem;
import com.orderpipeline.schemas.avro.OrderPlaced;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides the customer's mails, one per event: an event that calls for a mail ({@link MailEvents}) is rendered
 * and forwarded to the outbox unless the order's store already lists its mail ID, so a replay of the topics or
 * a duplicate event decides nothing twice. An event for an order not yet seen waits in the order's state until
 * the order comes; an order without a contact address gets no mail. Owns the
 * {@value NotifierTopology#ORDERS_STORE} store.
 */
final class MailDecider extends ContextualProcessor<String, SpecificRecord, String, OutgoingMail> {
    private final NotifierSettings settings;
    private final MailListener listener;
    private KeyValueStore<String, NotifiedOrder> orders;

    MailDecider(NotifierSettings settings, MailListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, OutgoingMail> context) {
        super.init(context);
        orders = context.getStateStore(NotifierTopology.ORDERS_STORE);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        Optional<MailFacts> facts = MailEvents.factsOf(record.value());
        boolean isOrder = record.value() instanceof OrderPlaced;
        if (facts.isEmpty() && !isOrder) {
            return;
        }
        String orderId = record.key();
        NotifiedOrder order = Optional.ofNullable(orders.get(orderId)).orElseGet(MailDecider::unseen);
        Instant at = Instant.ofEpochMilli(record.timestamp());
        if (isOrder && !order.getPlaced()) {
            placed(order, (OrderPlaced) record.value());
            facts.ifPresent(confirmation -> decide(orderId, order, confirmation, at));
            List<ParkedMail> parked = new ArrayList<>(order.getParked());
            order.setParked(new ArrayList<>());
            parked.forEach(waiting -> decide(orderId, order, MailFacts.of(waiting), at));
        } else if (!isOrder) {
            decide(orderId, order, facts.get(), at);
        }
        orders.put(orderId, order);
    }

    private void decide(String orderId, NotifiedOrder order, MailFacts facts, Instant at) {
        if (!order.getPlaced()) {
            List<ParkedMail> parked = new ArrayList<>(order.getParked());
            parked.removeIf(waiting -> waiting.getKind().equals(facts.kind().name())
                    && waiting.getEventKey().equals(facts.eventKey()));
            parked.add(facts.parked());
            order.setParked(last(parked, NotifierSettings.MAX_PARKED_PER_ORDER));
            return;
        }
        String mailId = facts.mailId(orderId);
        if (order.getDecided().contains(mailId)) {
            listener.skipped(facts.kind(), MailListener.Skip.ALREADY_DECIDED);
            return;
        }
        List<String> decided = new ArrayList<>(order.getDecided());
        decided.add(mailId);
        order.setDecided(last(decided, NotifierSettings.MAX_DECIDED_PER_ORDER));
        if (order.getContactEmail() == null || order.getContactEmail().isBlank()) {
            listener.skipped(facts.kind(), MailListener.Skip.NO_CONTACT_EMAIL);
            return;
        }
        MailRenderer renderer = settings.renderer();
        OutgoingMail mail = renderer.render(orderId, order, facts, at);
        context().forward(new Record<>(orderId, mail, at.toEpochMilli()));
        listener.decided(mail);
    }

    private static void placed(NotifiedOrder order, OrderPlaced placed) {
        order.setPlaced(true);
        order.setContactEmail(placed.getContactEmail());
        order.setCurrency(placed.getCurrency());
        order.setValues(MailRenderer.orderValues(placed));
        Map<String, String> titles = new HashMap<>();
        for (LineItem item : placed.getItems()) {
            titles.put(item.getSku(), item.getTitle());
        }
        order.setTitles(titles);
    }

    private static NotifiedOrder unseen() {
        return NotifiedOrder.newBuilder().setPlaced(false).build();
    }

    private static <T> List<T> last(List<T> list, int max) {
        return list.size() <= max ? list : new ArrayList<>(list.subList(list.size() - max, list.size()));
    }
}
